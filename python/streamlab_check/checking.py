"""The checker's core: which notebook and module, the cluster and the kernel run, the module's checks."""
from __future__ import annotations

import shutil
import tempfile
import time
from contextlib import ExitStack, nullcontext
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from . import cluster, notebooks
from .execution import CouldNotRun, Execution, execute, read_notebook
from .paths import EXERCISES, NOTEBOOKS
from .rubric import Result


class BadInput(Exception):
    """The command line names something that is not a notebook we can check; the message says why."""


@dataclass(frozen=True)
class Checked:
    name: str
    execution: Execution
    results: list[Result]
    seconds: float

    @property
    def earned(self) -> int:
        return sum(result.earned for result in self.results)

    @property
    def possible(self) -> int:
        return sum(result.criterion.points for result in self.results)


def resolve(argument: str, as_name: str | None = None) -> tuple[Path, ModuleType]:
    """NOTEBOOK as given on the command line: a path, or a short name meaning
    notebooks/exercises/NAME.ipynb when it exists, else notebooks/NAME.ipynb. The checks are those
    of the module named like the file (or `as_name`)."""
    known = notebooks.modules()
    path = Path(argument)
    if argument in known and not path.exists():
        exercise, solution = EXERCISES / f"{argument}.ipynb", NOTEBOOKS / f"{argument}.ipynb"
        path = exercise if exercise.exists() else solution
        if not path.exists():
            raise CouldNotRun(f"{argument}: neither {exercise} nor {solution} exists — run ./streamlab exercises,"
                              " or give the notebook's path")
    elif path.suffix != ".ipynb":
        raise BadInput(f"'{argument}' is neither a notebook (a path ending in .ipynb) nor a notebook's short name"
                       f" — known: {', '.join(sorted(known))}")
    name = as_name or path.stem
    if name not in known:
        raise BadInput(f"no checks for a notebook called '{name}' ({path}) — known: {', '.join(sorted(known))};"
                       " name the file like one of them, or say which with --as NAME")
    return path.resolve(), known[name]


def check_notebook(notebook: Path, module: ModuleType, *, workdir: Path | None = None,
                   extra_environment: dict[str, str] | None = None, while_running=None,
                   manage_cluster: bool = True, say=print) -> Checked:
    """Runs `notebook` and `module`'s checks on what it produced. The module's optional
    `supply(environment)` (a context manager, e.g. a producer filling the topic the notebook reads)
    runs around the execution; `while_running(environment)`, if given, is called once it has started.
    Raises CouldNotRun when there was nothing to check (no cluster, no kernel, no notebook)."""
    read_notebook(notebook)
    started = time.monotonic()
    own_workdir = workdir is None
    workdir = Path(tempfile.mkdtemp(prefix=f"streamlab-check-{module.NAME}-")) if own_workdir else workdir
    try:
        environment = {key: str(value) for key, value in module.environment(workdir).items()}
        environment.update(extra_environment or {})
        with cluster.running(module.SERVICES, say) if manage_cluster else nullcontext():
            with ExitStack() as supplies:
                supply = getattr(module, "supply", None)
                if supply is not None:
                    supplies.enter_context(supply(environment))
                if while_running is not None:
                    while_running(environment)
                execution = execute(notebook, workdir, environment)
            # after the supply stopped: the checks read a topic that no longer grows
            results = module.check(execution)
        expected = [criterion.key for criterion in module.criteria()]
        got = [result.criterion.key for result in results]
        if got != expected:
            raise RuntimeError(f"{module.__name__}.check returned results for {got}, not for its criteria {expected}")
        return Checked(module.NAME, execution, results, time.monotonic() - started)
    finally:
        if own_workdir:
            shutil.rmtree(workdir, ignore_errors=True)
