"""The exercise version of kafka.ipynb in the real Java kernel under nbclient, against the cluster: every
cell up to the first use of the first region runs, and the first failing cell fails with that region's
`UnsupportedOperationException: exercise: …` — not a compile error."""
import json

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from streamlab_support import REPO

from streamlab_exercises.generate import build_exercise, cell_text  # noqa: E402


def test_an_untouched_kafka_exercise_stops_at_its_first_region_with_the_exercise_message(tmp_path):
    solution = json.loads((REPO / "notebooks" / "kafka.ipynb").read_text(encoding="utf-8"))
    exercise = build_exercise("kafka.ipynb", solution)
    first_region_cell, first_region = exercise.regions[0]
    notebook = nbformat.reads(exercise.text(), as_version=4)
    client = NotebookClient(notebook, kernel_name="java", timeout=300, startup_timeout=120, allow_errors=False,
                            resources={"metadata": {"path": str(tmp_path)}})
    try:
        client.execute()
        raise AssertionError("the untouched exercise ran to the end")
    except CellExecutionError as error:
        failure = error
    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    errors = [(index, output) for index, cell in enumerate(code_cells)
              for output in cell.outputs if output.output_type == "error"]
    assert len(errors) == 1, errors
    failed_index, output = errors[0]
    assert output.ename.endswith("UnsupportedOperationException"), (output.ename, output.evalue, failure)
    assert output.evalue == f"exercise: {first_region.task}", output.evalue
    # every cell before ran, the first region's cell among them (its methods compiled), none after
    ran = [cell.execution_count is not None for cell in code_cells]
    assert ran == [index <= failed_index for index in range(len(code_cells))], ran
    region_cell = notebook.cells[first_region_cell]   # the exercise's intro cell shifts numbers by one
    assert "// YOUR CODE HERE" in cell_text(region_cell) and region_cell.execution_count is not None
    assert not region_cell.outputs or all(o.output_type != "error" for o in region_cell.outputs)
