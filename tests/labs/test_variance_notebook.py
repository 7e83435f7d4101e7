"""notebooks/variance.ipynb under nbconvert, checked from outside: what the plain consumer printed,
and every variance row Spark printed against a direct computation over the same numbers, read back
from the topic by an independent client (kafka-python)."""
import math
import os
import re

import pytest

from notebook_runner import cell_starting_with, cell_text, error_outputs, execute_notebook
from weather_topic import read_partitions

VARIANCE_ROW = re.compile(r"^\|\s*(\d+)\|\s*(\d+)\|\s*(\d+)\|\s*([-\d.E]+)\|$", re.MULTILINE)


def bootstrap():
    return os.environ.get("STREAMLAB_KAFKA", "localhost:9092")


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("variance-notebook")
    notebook = execute_notebook("variance.ipynb", workdir, timeout_s=300,
                                STREAMLAB_VARIANCE_LINE_PAUSE="200ms", STREAMLAB_VARIANCE_POLLS=2,
                                STREAMLAB_VARIANCE_TRIGGER="1s", STREAMLAB_VARIANCE_DURATION="6s",
                                STREAMLAB_VARIANCE_SEED=7)
    lines = [value for _, value in read_partitions("variance", lambda value: value.decode("utf-8"),
                                                   bootstrap(), partitions=range(1))[0]]
    return notebook, lines


def test_the_notebook_runs_without_errors(run):
    notebook, _ = run
    assert error_outputs(notebook) == []


def test_the_producer_sent_lines_of_six_integers_and_none_failed(run):
    notebook, lines = run
    assert len(lines) >= 2
    for line in lines:
        numbers = [int(token) for token in line.split(" ")]
        assert len(numbers) == 6 and all(1 <= x <= 10 for x in numbers), line
    assert "failed 0" in cell_text(cell_starting_with(notebook, "producer.stop()"))


def test_the_consumer_printed_the_first_lines_of_the_topic_in_order(run):
    notebook, lines = run
    printed = cell_text(cell_starting_with(notebook, "Properties consumerSettings"))
    messages = [line[len("message: "):] for line in printed.splitlines() if line.startswith("message: ")]
    assert messages, printed
    assert messages == lines[:len(messages)]


def test_every_printed_variance_is_the_variance_of_the_first_n_numbers_on_the_topic(run):
    notebook, lines = run
    printed = cell_text(cell_starting_with(notebook, "StreamingQuery varianceQuery"))
    assert "|sum_x_square|sum_x|" in printed
    header = next(line for line in printed.splitlines() if line.startswith("|sum_x_square|"))
    assert [column.strip() for column in header.strip("|").split("|")] == ["sum_x_square", "sum_x", "n", "var"]
    rows = VARIANCE_ROW.findall(printed)
    assert len(rows) >= 2, printed
    numbers = [int(token) for line in lines for token in line.split(" ")]
    previous_n = 0
    for sum_x_square, sum_x, n, variance in rows:
        n = int(n)
        # One partition: what Spark has read is a prefix of the topic, whole lines at a time.
        assert previous_n <= n <= len(numbers) and n % 6 == 0
        seen = numbers[:n]
        assert int(sum_x_square) == sum(x * x for x in seen)
        assert int(sum_x) == sum(seen)
        mean = sum(seen) / n
        assert math.isclose(float(variance), sum(x * x for x in seen) / n - mean * mean, rel_tol=1e-9)
        previous_n = n
    assert int(rows[-1][2]) > int(rows[0][2]), "the variance never took in new lines"
