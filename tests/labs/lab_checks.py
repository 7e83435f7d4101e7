"""The lab notebooks' tests run each notebook once, through the checker (python/streamlab_check), and
assert its results: the checker's modules hold the checking from outside (topics read back with
kafka-python, the servers' records of what they sent, lake tables read with a plain Parquet reader,
recomputations), so it exists once. Mutated solutions — a copy of a solution with one mistake put in —
must lose exactly the criterion that names the mistake."""
import re
import subprocess

import nbformat

from streamlab_check.checking import Checked, check_notebook
from streamlab_check.notebooks import modules
from streamlab_support import REPO, child_environment

NOTEBOOKS = REPO / "notebooks"
SCORE = re.compile(r"^score: (\d+)/(\d+)$", re.MULTILINE)


def check(name, workdir, notebook=None) -> Checked:
    """Runs the lab `name` (notebooks/NAME.ipynb unless `notebook` is given) through the checker on the
    cluster the test run started, its files in `workdir`."""
    return check_notebook((notebook or NOTEBOOKS / f"{name}.ipynb").resolve(), modules()[name], workdir=workdir,
                          manage_cluster=False, say=lambda text: None)


def check_command(*arguments, timeout_s=900):
    """`./streamlab check ARGUMENTS` as a user runs it: (exit status, stdout, stderr)."""
    result = subprocess.run([str(REPO / "streamlab"), "check", *arguments], capture_output=True, text=True,
                            cwd=REPO, env=child_environment(), timeout=timeout_s)
    return result.returncode, result.stdout, result.stderr


def by_key(checked: Checked):
    return {result.criterion.key: result for result in checked.results}


def table(checked: Checked) -> str:
    """The results as the checker's table would say them, for an assertion's message."""
    lines = [f"{result.criterion.key}: {result.earned}/{result.criterion.points} {result.checked}"
             + (f" — hint: {result.hint}" if result.hint else "") for result in checked.results]
    where = f"stopped at {checked.execution.failure.describe()}" if checked.execution.failure else "all cells ran"
    return "\n".join([where, *lines])


def assert_full_marks(checked: Checked):
    assert checked.execution.failure is None, table(checked)
    assert checked.earned == checked.possible, table(checked)
    assert all(result.hint is None for result in checked.results), table(checked)


def assert_lost_exactly(checked: Checked, key: str, hint: str):
    """Every criterion but `key` has full marks; `key` has none, with a hint naming the mistake."""
    assert checked.execution.failure is None, table(checked)
    lost = [result.criterion.key for result in checked.results if result.earned < result.criterion.points]
    assert lost == [key], table(checked)
    assert by_key(checked)[key].earned == 0 and hint in by_key(checked)[key].hint, table(checked)


def mutated(name, workdir, *replacements):
    """A copy of notebooks/NAME.ipynb in `workdir` (named NAME.ipynb, so the checker knows it) with each
    (old, new) replaced in its code cells. Fails loudly when a text to replace is gone or not unique: a
    mutation that silently applies to nothing would prove nothing."""
    notebook = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    for old, new in replacements:
        cells = [cell for cell in notebook.cells if cell.cell_type == "code" and old in cell.source]
        assert len(cells) == 1 and cells[0].source.count(old) == 1, \
            f"the mutation's text is in {len(cells)} cells of {name}.ipynb, not once: {old!r} — update the test"
        cells[0].source = cells[0].source.replace(old, new)
    path = workdir / f"{name}.ipynb"
    nbformat.write(notebook, path)
    return path


def checked_column(stdout):
    """The table's `what was checked` column (hints included) as one line of text, whatever the wrapping."""
    lines = stdout.splitlines()
    header = next(line for line in lines if "what was checked" in line)
    start = header.index("what was checked")
    return " ".join(line[start:].strip() for line in lines[lines.index(header) + 2:] if len(line) > start)


def points_column(stdout):
    """Each criterion's points as the table shows them: ["2/2", "0/2", …]."""
    lines = stdout.splitlines()
    header = next(line for line in lines if "what was checked" in line)
    start = header.index("points")
    return re.findall(r"^(\d+/\d+)", "\n".join(line[start:] for line in lines[lines.index(header) + 2:]), re.MULTILINE)


def score(stdout):
    """(earned, possible) from the command's last line, `score: X/Y`."""
    found = SCORE.findall(stdout)
    assert found and stdout.rstrip().endswith(f"score: {found[-1][0]}/{found[-1][1]}"), stdout[-2000:]
    return int(found[-1][0]), int(found[-1][1])
