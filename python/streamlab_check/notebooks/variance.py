"""variance.ipynb — the seed's two milestones (000, HandsOn week 9): a consumer that prints the lines
of the topic `variance`, then the accumulated ("global") variance with Spark, in rows of sum_x_square,
sum_x, n and var. Checked against the integers read back from the topic with kafka-python."""
import math
from dataclasses import dataclass
from pathlib import Path

from streamlab_check.endpoints import kafka_bootstrap
from streamlab_check.execution import Execution
from streamlab_check.labs_support import (Miss, Rule, console_tables, printed, read_topic, require,
                                          require_recreated, results)
from streamlab_check.rubric import Criterion, Result

NAME = "variance"
SERVICES = frozenset({"kafka"})
TOPIC = "variance"  # VarianceSettings.TOPIC: the notebook recreates it on every run
COLUMNS = ["sum_x_square", "sum_x", "n", "var"]
LINES = 2  # the seed's worked example: `1 2 3 4 5 6` twice


def environment(workdir: Path) -> dict[str, str]:
    # The seed's input (its worked example ends at 182, 42, 12, 2.917), sent in half a second per line
    # so that Spark may see it in more than one batch; short waits so a wrong notebook fails fast.
    return {"STREAMLAB_VARIANCE_INPUT": "example", "STREAMLAB_VARIANCE_LINES": str(LINES),
            "STREAMLAB_VARIANCE_LINE_PAUSE": "500ms", "STREAMLAB_VARIANCE_POLLS": "2",
            "STREAMLAB_VARIANCE_TRIGGER": "1s", "STREAMLAB_VARIANCE_QUERY_WAIT": "90s"}


# Milestone 1 runs code the seed provides (producer_variance.py, consumer_variance.py): not the student's.
CONSUMER = Criterion("consumer", "Milestone 1: the consumer prints the topic's lines as `message: <line>`", 2, code=False)
COLUMNS_SHOWN = Criterion("columns", "the result's columns are sum_x_square, sum_x, n, var", 1)
SUMS = Criterion("sums", "Σx², Σx and n are running totals over every integer read so far (global)", 3)
VARIANCE = Criterion("variance", "var = Σx²/N − (Σx/N)²", 2)
ALL_READ = Criterion("all_read", "the last row covers every integer sent (the seed's 182, 42, 12, 2.917)", 2)


def criteria() -> list[Criterion]:
    return [CONSUMER, COLUMNS_SHOWN, SUMS, VARIANCE, ALL_READ]


@dataclass(frozen=True)
class Evidence:
    lines: list[str]          # the topic, read back
    numbers: list[int]        # its integers in order
    messages: list[str]       # what the consumer printed after "message: "
    rows: list[tuple[float, float, float, float]]  # every variance row printed, in order
    tables: int


def gather(execution: Execution) -> Evidence:
    require_recreated(execution, TOPIC)
    lines = read_topic(kafka_bootstrap(execution.environment), TOPIC)
    numbers = [int(token) for line in lines for token in line.split()]
    text = printed(execution.executed)
    messages = [line[len("message: "):] for line in text.splitlines() if line.startswith("message: ")]
    tables = console_tables(execution.executed, COLUMNS)
    rows = [tuple(float(value) for value in row) for table in tables for row in table.rows]
    return Evidence(lines, numbers, messages, rows, len(tables))


def check_consumer(e: Evidence) -> str:
    require(e.lines, "the topic is empty: the producer sent nothing", "the producer cell did not run")
    require(e.messages, f"no `message: ` line printed; the topic holds {len(e.lines)} lines")
    require(e.messages == e.lines[:len(e.messages)],
            f"printed {e.messages[:3]}…, the topic begins {e.lines[:3]}",
            "the consumer printed lines that are not the topic's first lines in order: seek to the beginning of partition 0")
    return f"{len(e.messages)} `message: ` lines, the first lines of the topic in order"


def check_columns(e: Evidence) -> str:
    require(e.tables, "no table with the columns sum_x_square | sum_x | n | var was printed")
    return f"{e.tables} table(s) with the columns {', '.join(COLUMNS)}"


def check_sums(e: Evidence) -> str:
    require(e.rows, "no variance row was printed")
    previous = 0
    for sum_x_square, sum_x, n, _ in e.rows:
        n = int(n)
        require(previous <= n <= len(e.numbers), f"a row has n = {n} after {previous}; the topic holds {len(e.numbers)} integers",
                "n is not the count of every integer read so far: count each integer once, over the whole stream")
        seen = e.numbers[:n]
        require(sum_x_square == sum(x * x for x in seen) and sum_x == sum(seen),
                f"row ({sum_x_square:g}, {sum_x:g}, {n}): the first {n} integers on the topic give "
                f"({sum(x * x for x in seen)}, {sum(seen)}, {n})",
                "the sums are not the running Σx² and Σx of the integers read so far: split every line on spaces "
                "and aggregate over the whole stream (agg without groupBy, complete mode)")
        previous = n
    return f"{len(e.rows)} row(s), each the Σx², Σx and n of the first n integers on the topic"


def check_variance(e: Evidence) -> str:
    require(e.rows, "no variance row was printed")
    for sum_x_square, sum_x, n, variance in e.rows:
        require(n > 0, f"a row has n = {n:g}")
        expected = sum_x_square / n - (sum_x / n) ** 2
        if math.isclose(variance, expected, rel_tol=1e-9, abs_tol=1e-9):
            continue
        hint = None
        if n > 1 and math.isclose(variance, expected * n / (n - 1), rel_tol=1e-9):
            hint = "var divides by N − 1 (the sample variance); the seed's formula divides by N"
        elif math.isclose(variance, sum_x_square / n - sum_x / n, rel_tol=1e-9):
            hint = "the mean is not squared: var = Σx²/N − (Σx/N)²"
        raise Miss(f"row ({sum_x_square:g}, {sum_x:g}, {n:g}) shows var {variance}, Σx²/N − (Σx/N)² = {expected}", hint)
    return f"var = Σx²/N − (Σx/N)² in all {len(e.rows)} row(s)"


def check_all_read(e: Evidence) -> str:
    require(e.rows, "no variance row was printed")
    last = e.rows[-1]
    require(int(last[2]) == len(e.numbers), f"the last row has n = {last[2]:g}; the topic holds {len(e.numbers)} integers")
    return (f"last row ({last[0]:g}, {last[1]:g}, {last[2]:g}, {last[3]}) covers all {len(e.lines)} lines"
            f" ({len(e.numbers)} integers) on the topic")


RULES = [
    Rule(CONSUMER, "the consumer printed no `message: <line>`: assign the topic's partition 0, seek to the beginning,"
                   " poll and print each record's value", check_consumer),
    Rule(COLUMNS_SHOWN, "the result has other columns: name them sum_x_square, sum_x, n and var (.as(...)) and print"
                        " it with the console sink", check_columns),
    Rule(SUMS, "the sums are not running totals of the integers read so far", check_sums),
    Rule(VARIANCE, "var is not Σx²/N − (Σx/N)²", check_variance),
    Rule(ALL_READ, "the query stopped before it read every line sent: read from startingOffsets=earliest and wait"
                   " until every line is processed (QueryRows.awaitProcessed)", check_all_read),
]


def check(execution: Execution) -> list[Result]:
    return results(RULES, execution, lambda: gather(execution))
