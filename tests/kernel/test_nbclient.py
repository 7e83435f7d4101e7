"""The kernel under nbclient, the engine of `jupyter nbconvert --execute`."""
import time

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError

from streamlab_support.kernel_session import check_kernelspec


def notebook(*sources):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "java", "display_name": "Java", "language": "java"}
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    return nb


def test_notebook_executes_with_outputs():
    check_kernelspec()
    nb = notebook('System.out.println("hello from java");', "int n = 21;\nn * 2")
    NotebookClient(nb, timeout=120, kernel_name="java").execute()
    assert nb.cells[0].outputs[0]["text"] == "hello from java\n"
    assert nb.cells[1].outputs[0]["data"]["text/plain"] == "42"
    assert nb.metadata["language_info"]["name"] == "java"


def test_failing_cell_stops_the_run_with_the_java_error():
    check_kernelspec()
    nb = notebook('throw new IllegalArgumentException("bad station");', "1")
    with pytest.raises(CellExecutionError) as e:
        NotebookClient(nb, timeout=120, kernel_name="java").execute()
    assert "bad station" in str(e.value)


def test_timeout_interrupts_the_cell():
    check_kernelspec()
    nb = notebook('System.out.println("before");', "Thread.sleep(600_000);")
    client = NotebookClient(nb, timeout=3, kernel_name="java", startup_timeout=120)
    t0 = time.monotonic()
    with pytest.raises(CellTimeoutError):
        client.execute()
    # nbclient interrupts, waits for the reply, then shuts the kernel down; all well within a minute.
    assert time.monotonic() - t0 < 60


def all_text(nb):
    """Every stream line in the executed notebook, with the index of the cell it landed in."""
    lines = []
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output["output_type"] == "stream":
                lines += [(index, line) for line in output["text"].splitlines()]
    return lines


def test_thread_output_after_its_cell_is_kept_in_the_cell_running_then():
    # The issue's pattern: a thread prints while the next cell sleeps. nbclient records only the
    # cell it waits on, so lines printed after cell 0 finished belong under cell 1.
    check_kernelspec()
    nb = notebook(
        "Thread ticker = new Thread(() -> {\n"
        "    for (int i = 0; i < 5; i++) {\n"
        "        System.out.println(\"tick \" + i);\n"
        "        try { Thread.sleep(100); } catch (InterruptedException e) { return; }\n"
        "    }\n"
        "});\n"
        "ticker.start();",
        "Thread.sleep(1500);",
        "ticker.isAlive()")
    NotebookClient(nb, timeout=120, kernel_name="java").execute()
    ticks = [(cell, line) for cell, line in all_text(nb) if line.startswith("tick")]
    assert [line for _, line in ticks] == [f"tick {i}" for i in range(5)]
    assert {cell for cell, _ in ticks} <= {0, 1}
    assert any(cell == 1 for cell, _ in ticks), "the lines printed after cell 0 ended are in cell 1"
    assert nb.cells[2].outputs[0]["data"]["text/plain"] == "false"


def test_output_between_cells_waits_for_the_next_cell():
    # A thread printing every few milliseconds across many short cells also prints in the gaps
    # between them (after one cell's idle, before the next one's busy): none of it is lost.
    check_kernelspec()
    count = 300
    nb = notebook(
        "Thread chatter = new Thread(() -> {\n"
        f"    for (int i = 0; i < {count}; i++) {{\n"
        "        System.out.println(\"line \" + i);\n"
        "        try { Thread.sleep(3); } catch (InterruptedException e) { return; }\n"
        "    }\n"
        "});\n"
        "chatter.start();",
        *["1 + 1"] * 20,
        "chatter.join();")
    NotebookClient(nb, timeout=120, kernel_name="java").execute()
    lines = [line for _, line in all_text(nb) if line.startswith("line ")]
    assert lines == [f"line {i}" for i in range(count)]
