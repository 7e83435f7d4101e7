"""What the five lab checkers share: what an executed notebook printed and its Spark console tables,
a lab topic read back with an independent client (kafka-python), lake tables read with a plain Parquet
reader (LakeTable.java, no Spark), and rules that turn each criterion's check into a Result without
ever raising for a wrong answer."""
import json
import pathlib
import re
import subprocess
from dataclasses import dataclass, field
from typing import Any, Callable

from streamlab_check.paths import lib_classpath
from streamlab_check.rubric import Criterion, Result
from streamlab_check.weather_topic import read_partitions, topic_partitions

LAKE_TABLE = pathlib.Path(__file__).resolve().parent / "LakeTable.java"
BATCH = re.compile(r"^Batch: (\d+)$")


# ---------------------------------------------------------------- rules


class Miss(Exception):
    """A criterion not met: what was found, and (optionally) the likely mistake, naming it better than
    the rule's own hint."""

    def __init__(self, checked: str, hint: str | None = None):
        super().__init__(checked)
        self.checked = checked
        self.hint = hint


def require(condition: Any, checked: str, hint: str | None = None) -> None:
    if not condition:
        raise Miss(checked, hint)


@dataclass(frozen=True)
class Rule:
    """A criterion, the mistake that most likely loses it, and its check: a function of the run's
    evidence that returns what it checked, or raises Miss."""
    criterion: Criterion
    hint: str
    check: Callable[[Any], str]


def results(rules: list[Rule], execution, gather: Callable[[], Any]) -> list[Result]:
    """One Result per rule. Evidence the rules share is gathered once; if that fails (a topic that is
    not there, a lake not written), every rule loses its points saying why. A lost point's hint ends
    with where the notebook stopped, if it did."""
    try:
        evidence = gather()
    except Miss as missing:
        found = [Result(rule.criterion, 0, missing.checked, missing.hint or rule.hint) for rule in rules]
    except Exception as error:  # noqa: BLE001 — whatever the run left behind, the checker answers
        found = [Result(rule.criterion, 0, f"could not gather what the run produced: {type(error).__name__}: {error}",
                        rule.hint) for rule in rules]
    else:
        found = [judge(rule, evidence) for rule in rules]
    stopped = execution.where_it_stopped()
    return [Result(result.criterion, result.earned, result.checked, result.hint + stopped)
            if result.hint and stopped and stopped not in result.hint else result for result in found]


def judge(rule: Rule, evidence: Any) -> Result:
    try:
        return Result(rule.criterion, rule.criterion.points, rule.check(evidence))
    except Miss as miss:
        return Result(rule.criterion, 0, miss.checked, miss.hint or rule.hint)
    except Exception as error:  # noqa: BLE001 — output in an unexpected shape is a wrong answer, not a crash
        return Result(rule.criterion, 0, f"output in an unexpected shape ({type(error).__name__}: {error})", rule.hint)


# ---------------------------------------------------------------- what the notebook printed


def cell_text(cell) -> str:
    """What a reader sees under a code cell: streams and plain-text results (unlike
    execution.cell_text, a value shown stands on lines of its own, so a line parsed after it is whole)."""
    parts = []
    for output in cell.get("outputs", []):
        if output.output_type == "stream":
            parts.append(output.text)
        elif output.output_type in ("execute_result", "display_data"):
            # a value shown is a block of its own, never the end of a printed line
            parts.append("\n" + output.data.get("text/plain", "") + "\n")
    return "".join(parts)


def code_cells(notebook) -> list:
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def printed(notebook) -> str:
    """Everything the notebook's code cells show, in order."""
    return "\n".join(cell_text(cell) for cell in code_cells(notebook))


@dataclass
class ConsoleTable:
    """A table as Spark's console sink or Dataset.show prints it."""
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)
    batch: int | None = None  # the "Batch: N" above it, for a streaming console sink
    cell: int = -1            # index of the code cell it was printed under


def console_tables(notebook, columns: list[str] | None = None) -> list[ConsoleTable]:
    """Every console table the notebook printed, in order; only those whose header is `columns` when
    given. A cell holding a '|' lands in the last column (a payload is the last column where it can)."""
    tables = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        batch, table, state = None, None, "outside"
        for line in cell_text(cell).splitlines():
            line = line.rstrip()
            match = BATCH.match(line)
            if match:
                batch = int(match.group(1))
            if line.startswith("+-"):
                if state == "outside":
                    state = "top"
                elif state == "header":
                    state = "body"
                elif state == "body":
                    tables.append(table)
                    state, table = "outside", None
                continue
            if line.startswith("|") and line.endswith("|") and len(line) > 1:
                cells = [value.strip() for value in line[1:-1].split("|")]
                if state == "top":
                    table, state = ConsoleTable(cells, batch=batch, cell=index), "header"
                elif state == "body":
                    if len(cells) > len(table.columns):
                        cells = cells[:len(table.columns) - 1] + ["|".join(cells[len(table.columns) - 1:])]
                    if len(cells) == len(table.columns):
                        table.rows.append(cells)
                continue
            if state != "body":
                state, table = "outside", None
    return [table for table in tables if columns is None or table.columns == columns]


# ---------------------------------------------------------------- Kafka, from outside


def require_recreated(execution, topic: str) -> None:
    """The run's cell that recreates the lab's topic ran: otherwise what the topic holds is an earlier
    run's, and no evidence of this one."""
    cells = [cell for cell in execution.code_cells() if ".recreate()" in cell.source]
    if not any(cell.execution_count is not None and not execution.stopped_before(cell) for cell in cells):
        raise Miss(f"the run never recreated the topic {topic}: what it holds is from an earlier run",
                   "the notebook stopped before LabTopic.named(...).recreate()")


def read_topic(bootstrap: str, topic: str) -> list[str]:
    """Every record of a one-partition lab topic up to its current end, as UTF-8 text, read with
    kafka-python (not the notebook's client)."""
    if not topic_partitions(topic, bootstrap):
        raise Miss(f"the topic {topic} is not on the broker at {bootstrap}",
                   "the notebook stopped before it created the topic (LabTopic.named(...).recreate())")
    records = read_partitions(topic, lambda value: value.decode("utf-8"), bootstrap, partitions=range(1))
    return [value for _, value in records[0]]


# ---------------------------------------------------------------- lake tables, from outside


def read_lake(tables: list[str], paths: list[str] = (), delete: list[str] = ()):
    """In one JVM (LakeTable.java, the plain Hadoop and Parquet clients): {uri: [row, ...]} for each
    parquet table (None when its directory does not exist) — partition columns from the directory names,
    dates as text, timestamps as microseconds since the epoch — and which of `paths` exist; then deletes
    `delete`."""
    command = ["rows", *tables, "exists", *paths, "delete", *delete]
    result = subprocess.run(["java", "-Xmx256m", "-cp", lib_classpath(), str(LAKE_TABLE), *command],
                            capture_output=True, text=True, timeout=180)
    if result.returncode != 0:
        raise RuntimeError(f"LakeTable.java failed: {result.stderr[-2000:]}")
    read, existing, rows = {}, set(), None
    for line in result.stdout.splitlines():
        if line.startswith("table "):
            rows = read[line[len("table "):]] = []
        elif line.startswith("missing "):
            read[line[len("missing "):]] = None
        elif line.startswith("exists "):
            existing.add(line[len("exists "):])
        elif line.startswith("{"):
            rows.append(json.loads(line))
    return read, existing
