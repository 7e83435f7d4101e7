"""Runs a notebook the way a student's "Run All" does — cell after cell in the Java kernel, stopping at
the first cell that fails — and keeps what it produced, for the checks to look at from outside."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import nbformat
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

KERNEL_NAME = "java"


class CouldNotRun(Exception):
    """The notebook could not be run at all (missing, not a notebook, no kernel, no cluster): the
    message says what and how to fix it."""


@dataclass(frozen=True)
class CellFailure:
    index: int                   # the cell's position in the notebook (markdown cells count)
    execution_count: int | None  # the In [N] a reader sees
    ename: str
    evalue: str

    def describe(self) -> str:
        where = f"cell {self.index}" + (f" (In [{self.execution_count}])" if self.execution_count else "")
        return f"{where}: {self.ename}: {self.evalue}".strip()


@dataclass(frozen=True)
class Execution:
    notebook: Path                    # the notebook as given
    executed: nbformat.NotebookNode   # with outputs
    failure: CellFailure | None       # the first cell that failed, None when all ran
    environment: dict[str, str]       # the env the kernel ran with (endpoints, run lengths, names)
    workdir: Path                     # a fresh directory, the notebook's working directory

    def code_cells(self) -> list[nbformat.NotebookNode]:
        return [cell for cell in self.executed.cells if cell.cell_type == "code"]

    def cells_containing(self, text: str) -> list[nbformat.NotebookNode]:
        """The code cells whose source contains `text` (a student may reorder or rewrite cells, so
        checks find cells by what they hold, and cope with finding none)."""
        return [cell for cell in self.code_cells() if text in cell.source]

    def output(self, cells=None) -> str:
        """What a reader sees under the cells (all code cells by default): streams and plain-text results."""
        return "".join(cell_text(cell) for cell in (self.code_cells() if cells is None else cells))

    def stopped_before(self, cell) -> bool:
        """True when the run stopped at or before `cell`: it never ran, or it is the failing cell."""
        if self.failure is None:
            return False
        return self.executed.cells.index(cell) >= self.failure.index

    def where_it_stopped(self) -> str:
        """A hint's tail for checks that found nothing: where the run stopped, if it did."""
        return f" — the notebook stopped at {self.failure.describe()}" if self.failure else ""


def cell_text(cell) -> str:
    """What a reader sees under a code cell: streams and plain-text results, concatenated."""
    parts = []
    for output in cell.get("outputs", []):
        if output.output_type == "stream":
            parts.append(output.text)
        elif output.output_type in ("execute_result", "display_data"):
            parts.append(output.data.get("text/plain", ""))
    return "".join(parts)


def error_outputs(notebook) -> list[str]:
    """Every error output of an executed notebook, as 'ename: evalue' lines."""
    return [f"{output.ename}: {output.evalue}"
            for cell in notebook.cells if cell.cell_type == "code"
            for output in cell.get("outputs", []) if output.output_type == "error"]


def read_notebook(path: Path) -> nbformat.NotebookNode:
    """The notebook at `path`, or CouldNotRun naming what is wrong with it."""
    if not path.is_file():
        raise CouldNotRun(f"{path} does not exist")
    try:
        return nbformat.read(path, as_version=4)
    except Exception as e:  # nbformat raises several kinds for a file that is not a notebook
        raise CouldNotRun(f"{path} is not a Jupyter notebook ({type(e).__name__}: {e})") from e


def require_kernel():
    """The `java` kernelspec is installed where this Jupyter looks, or CouldNotRun says how to install it."""
    try:
        return KernelSpecManager().get_kernel_spec(KERNEL_NAME)
    except NoSuchKernel:
        raise CouldNotRun(f"the Java kernel ('{KERNEL_NAME}' kernelspec) is not installed — run ./streamlab kernel")


def execute(notebook: Path, workdir: Path, environment: dict[str, str], cell_timeout_s: int = 600,
            startup_timeout_s: int = 120) -> Execution:
    """Executes `notebook` in a fresh Java kernel whose working directory is `workdir` and whose
    environment is ours plus `environment`. Stops at the first failing cell (as Jupyter's Run All
    does) and records it; raises CouldNotRun only when the kernel cannot start."""
    source = read_notebook(notebook)
    require_kernel()
    executed = nbformat.from_dict(source)
    for cell in executed.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    client = NotebookClient(executed, kernel_name=KERNEL_NAME, timeout=cell_timeout_s,
                            startup_timeout=startup_timeout_s, allow_errors=False,
                            resources={"metadata": {"path": str(workdir)}})
    kernel_environment = dict(os.environ)
    kernel_environment.update(environment)
    failure = None
    try:
        setup = client.setup_kernel(env=kernel_environment)
        setup.__enter__()
    except Exception as e:
        raise CouldNotRun(f"the Java kernel did not start: {type(e).__name__}: {e}") from e
    try:
        client.wait_for_reply(client.kc.kernel_info())
        for index, cell in enumerate(executed.cells):
            try:
                client.execute_cell(cell, index, execution_count=client.code_cells_executed + 1)
            except CellExecutionError as e:
                failure = CellFailure(index, cell.get("execution_count"), e.ename, first_line(e.evalue))
            except CellTimeoutError:
                failure = CellFailure(index, cell.get("execution_count"), "CellTimeoutError",
                                      f"the cell ran longer than {cell_timeout_s} s")
            except DeadKernelError as e:
                failure = CellFailure(index, cell.get("execution_count"), "DeadKernelError", f"the kernel died: {e}")
            if failure:
                break
    finally:
        setup.__exit__(None, None, None)
    return Execution(notebook=notebook, executed=executed, failure=failure,
                     environment=dict(environment), workdir=workdir)


def first_line(text: str) -> str:
    lines = [line for line in (text or "").splitlines() if line.strip()]
    return lines[0].strip() if lines else ""
