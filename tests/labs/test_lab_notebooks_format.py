"""The lab notebooks as committed: nbformat 4, the Java kernelspec, no outputs, and a markdown cell
before every code cell (the seeds' habit of saying what a step does and why before doing it)."""
import nbformat
import pytest

from streamlab_support import REPO

pytestmark = pytest.mark.unit

LABS = ["variance.ipynb", "social-media.ipynb", "fraud.ipynb", "lakehouse.ipynb", "hashtags.ipynb"]


@pytest.mark.parametrize("name", LABS)
def test_the_notebook_is_valid_nbformat_4_for_the_java_kernel(name):
    notebook = nbformat.read(REPO / "notebooks" / name, as_version=4)
    nbformat.validate(notebook)
    assert notebook.nbformat == 4
    assert notebook.metadata.kernelspec == {"name": "java", "display_name": "Java", "language": "java"}


@pytest.mark.parametrize("name", LABS)
def test_no_outputs_are_committed(name):
    notebook = nbformat.read(REPO / "notebooks" / name, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]


@pytest.mark.parametrize("name", LABS)
def test_a_markdown_cell_explains_every_code_cell(name):
    notebook = nbformat.read(REPO / "notebooks" / name, as_version=4)
    assert notebook.cells[0].cell_type == "markdown" and notebook.cells[0].source.startswith("# ")
    for before, cell in zip(notebook.cells, notebook.cells[1:]):
        if cell.cell_type == "code":
            assert before.cell_type == "markdown", f"no markdown before: {cell.source[:60]!r}"
