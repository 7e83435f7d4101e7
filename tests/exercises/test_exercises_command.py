"""`./streamlab exercises` on the real notebooks: what it writes, that it is idempotent, that it never
overwrites an exercise the student changed (unless --force), and that bad markers write nothing.

The command runs in a copy of the repository's notebooks/ (a temporary directory with the script and
the package linked in), so the checkout's notebooks/exercises/ is never touched."""
import json
import os
import shutil
import subprocess

import nbformat
import pytest

from streamlab_support import REPO

NAMES = sorted(path.stem for path in (REPO / "notebooks").glob("*.ipynb"))


@pytest.fixture
def repo(tmp_path):
    """A repository with the real notebooks and the real command, in tmp_path."""
    for item in ("streamlab", "scripts", "python"):
        os.symlink(REPO / item, tmp_path / item)
    (tmp_path / "notebooks").mkdir()
    for path in (REPO / "notebooks").glob("*.ipynb"):
        shutil.copy(path, tmp_path / "notebooks" / path.name)
    return tmp_path


def exercises(repo, *args):
    # The script resolves its home from its own path: run the package the way it does, on this repo.
    result = subprocess.run(["/usr/bin/python3", "-m", "streamlab_exercises", "--repo", str(repo), *args],
                            cwd=repo, env={**os.environ, "PYTHONPATH": str(REPO / "python")},
                            capture_output=True, text=True, timeout=60)
    return result


def snapshot(folder):
    return {path.name: path.read_bytes() for path in sorted(folder.glob("*.ipynb"))}


def test_the_script_runs_the_command():
    result = subprocess.run([str(REPO / "streamlab"), "exercises", "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "--force" in result.stdout


def test_every_notebook_gets_a_valid_java_exercise(repo):
    result = exercises(repo)
    assert result.returncode == 0, result.stderr
    written = repo / "notebooks" / "exercises"
    assert sorted(path.stem for path in written.glob("*.ipynb")) == NAMES
    for name in NAMES:
        assert f"wrote notebooks/exercises/{name}.ipynb" in result.stdout
        notebook = nbformat.read(written / f"{name}.ipynb", as_version=4)
        nbformat.validate(notebook)
        assert notebook.nbformat == 4
        assert notebook.metadata.kernelspec.name == "java" and notebook.metadata.kernelspec.language == "java"
        solution = nbformat.read(repo / "notebooks" / f"{name}.ipynb", as_version=4)
        code = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "code")
        assert "SOLUTION" not in code, f"{name}: a marker is left in the exercise"
        markers = sum(cell.source.count("// BEGIN SOLUTION") for cell in solution.cells if cell.cell_type == "code")
        assert markers > 0, f"{name}.ipynb has no solution region"
        assert code.count("// YOUR CODE HERE") == markers
        assert code.count('UnsupportedOperationException("exercise: ') == markers
        assert all(cell.outputs == [] and cell.execution_count is None
                   for cell in notebook.cells if cell.cell_type == "code")


def test_model_answers_are_removed_and_questions_kept(repo):
    assert exercises(repo).returncode == 0
    for name in NAMES:
        solution = (repo / "notebooks" / f"{name}.ipynb").read_text()
        exercise = (repo / "notebooks" / "exercises" / f"{name}.ipynb").read_text()
        answers = solution.count("<summary>Model answer</summary>")
        assert "Model answer" not in exercise
        assert exercise.count("**Your answer:**") == answers
    spark = (repo / "notebooks" / "exercises" / "spark.ipynb").read_text()
    assert "why are the predictions late?" in spark


def test_a_second_run_changes_nothing(repo):
    assert exercises(repo).returncode == 0
    before = snapshot(repo / "notebooks" / "exercises")
    result = exercises(repo)
    assert result.returncode == 0 and result.stdout.count("is up to date") == len(NAMES), result.stdout
    assert snapshot(repo / "notebooks" / "exercises") == before


def test_running_an_exercise_is_not_changing_it(repo):
    """Outputs of a run (what Jupyter saves) are no change of the student's: the file is kept as it is."""
    assert exercises(repo).returncode == 0
    path = repo / "notebooks" / "exercises" / "kafka.ipynb"
    notebook = nbformat.read(path, as_version=4)
    notebook.cells[2].outputs = [nbformat.v4.new_output("stream", name="stdout", text="ran\n")]
    nbformat.write(notebook, path)
    ran = path.read_bytes()
    result = exercises(repo, "kafka")
    assert "is up to date" in result.stdout and path.read_bytes() == ran


def test_a_changed_exercise_is_left_alone_and_force_overwrites_it(repo):
    assert exercises(repo).returncode == 0
    path = repo / "notebooks" / "exercises" / "kafka.ipynb"
    notebook = json.loads(path.read_text())
    cell = next(c for c in notebook["cells"] if "// YOUR CODE HERE" in "".join(c["source"]))
    cell["source"] = ["// my answer\n"] + cell["source"]
    path.write_text(json.dumps(notebook))
    changed = path.read_bytes()
    others = {name: data for name, data in snapshot(path.parent).items() if name != "kafka.ipynb"}

    result = exercises(repo)
    assert result.returncode == 0
    assert "kafka.ipynb changed since it was generated — left as it is (--force overwrites)" in result.stdout
    assert path.read_bytes() == changed

    result = exercises(repo, "--force", "kafka")
    assert result.returncode == 0 and "wrote notebooks/exercises/kafka.ipynb" in result.stdout
    assert "// my answer" not in path.read_text()
    assert {name: data for name, data in snapshot(path.parent).items() if name != "kafka.ipynb"} == others
    assert "is up to date" in exercises(repo, "kafka").stdout


def test_a_file_that_is_no_generated_exercise_is_not_overwritten(repo):
    folder = repo / "notebooks" / "exercises"
    folder.mkdir()
    (folder / "variance.ipynb").write_text("my own notes")
    result = exercises(repo, "variance")
    assert "variance.ipynb changed since it was generated — left as it is" in result.stdout
    assert (folder / "variance.ipynb").read_text() == "my own notes"


def test_bad_markers_name_notebook_cell_and_line_and_write_nothing_for_that_notebook(repo):
    path = repo / "notebooks" / "spark.ipynb"
    notebook = json.loads(path.read_text())
    number, cell = next((n, c) for n, c in enumerate(notebook["cells"], start=1)
                        if c["cell_type"] == "code" and any("// END SOLUTION" in line for line in c["source"]))
    line = next(i for i, text in enumerate(cell["source"], start=1) if "// END SOLUTION" in text)
    del cell["source"][line - 1]
    path.write_text(json.dumps(notebook))

    result = exercises(repo)
    assert result.returncode == 1
    begin = max(i for i, text in enumerate(cell["source"][:line - 1], start=1) if "// BEGIN SOLUTION" in text)
    assert (f"spark.ipynb, cell {number} (code, id {cell['id']}), line {begin}: BEGIN SOLUTION without END SOLUTION in this cell"
            in result.stderr), result.stderr
    assert "nothing written for spark.ipynb" in result.stderr
    assert not (repo / "notebooks" / "exercises" / "spark.ipynb").exists()
    assert (repo / "notebooks" / "exercises" / "kafka.ipynb").exists()


def test_an_unknown_name_is_an_error(repo):
    result = exercises(repo, "nosuch")
    assert result.returncode == 1 and "nosuch.ipynb: no such notebook" in result.stderr
