"""Executes a notebook from notebooks/ headless, as a user's `jupyter nbconvert --execute` would."""
import shutil
import subprocess

import nbformat

from streamlab_testing import REPO, child_environment, without_solution_markers

JUPYTER = "/usr/bin/jupyter"


def execute_notebook(name, workdir, timeout_s=900, **settings):
    """Copies notebooks/NAME into `workdir`, executes it there with the settings as environment
    variables, and returns the executed notebook. Files the notebook writes land in `workdir`."""
    source = REPO / "notebooks" / name
    shutil.copy(source, workdir / name)
    executed = workdir / ("executed-" + name)
    result = subprocess.run(
        [JUPYTER, "nbconvert", "--to", "notebook", "--execute", name, "--output", executed.name,
         f"--ExecutePreprocessor.timeout={timeout_s}", "--ExecutePreprocessor.kernel_name=java"],
        cwd=workdir, env=child_environment(**settings), capture_output=True, text=True, timeout=timeout_s + 120)
    assert result.returncode == 0, f"nbconvert failed on {name}:\n{result.stderr[-6000:]}"
    return nbformat.read(executed, as_version=4)


def error_outputs(notebook):
    """Every error output of the executed notebook, as 'ename: evalue' lines."""
    return [f"{output.ename}: {output.evalue}"
            for cell in notebook.cells if cell.cell_type == "code"
            for output in cell.outputs if output.output_type == "error"]


def cell_text(cell):
    """What a reader sees under a code cell: streams and plain-text results, concatenated."""
    parts = []
    for output in cell.outputs:
        if output.output_type == "stream":
            parts.append(output.text)
        elif output.output_type in ("execute_result", "display_data"):
            parts.append(output.data.get("text/plain", ""))
    return "".join(parts)


def cell_starting_with(notebook, prefix):
    """The code cell whose source starts with `prefix` (so tests survive cells being reordered)."""
    matches = [cell for cell in notebook.cells if cell.cell_type == "code"
               and without_solution_markers(cell.source).startswith(prefix)]
    assert len(matches) == 1, f"expected one cell starting with {prefix!r}, found {len(matches)}"
    return matches[0]
