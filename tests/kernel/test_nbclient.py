"""The kernel under nbclient, the engine of `jupyter nbconvert --execute`."""
import time

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError

from kernel_session import check_kernelspec


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
