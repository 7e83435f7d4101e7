"""What the checker's tests share: copies of a solution notebook with a mistake put in, and running
the checker on a notebook against the cluster ./streamlab test started."""
import pathlib

import nbformat

from streamlab_check.checking import check_notebook
from streamlab_check.notebooks import module_for
from streamlab_check.paths import NOTEBOOKS


def mutated(name, replacements, directory):
    """notebooks/NAME.ipynb with each (old, new) replaced in its code cells, written to `directory`
    under the notebook's own name (so the checker picks the same module). Fails loudly when a text
    to replace is no longer in the notebook: the mutation would silently test nothing."""
    notebook = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    for old, new in replacements:
        cells = [cell for cell in notebook.cells if cell.cell_type == "code" and old in cell.source]
        assert len(cells) == 1, f"{name}.ipynb: expected one code cell containing {old!r}, found {len(cells)}"
        cells[0].source = cells[0].source.replace(old, new)
    directory = pathlib.Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{name}.ipynb"
    nbformat.write(notebook, path)
    return path


def check(path, **options):
    """The checker's verdict on the notebook at `path` (its module chosen by the file's name); the
    cluster is the one the test run started."""
    path = pathlib.Path(path)
    return check_notebook(path, module_for(path.stem), manage_cluster=False, say=lambda text: None, **options)


def by_key(checked):
    return {result.criterion.key: result for result in checked.results}


def lost(checked):
    """{criterion key: hint} of the criteria that lost points."""
    return {result.criterion.key: result.hint for result in checked.results if not result.full_marks}
