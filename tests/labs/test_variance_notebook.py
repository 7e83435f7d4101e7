"""notebooks/variance.ipynb under nbconvert, checked from outside: what the plain consumer printed,
and every variance row Spark printed against a direct computation over the numbers read back from the
topic by an independent client (kafka-python). Run twice: with the default input, whose last row must
be the seed's worked example (Σx² = 182, Σx = 42, n = 12, var = 2.916666666666666), and with seeded
random lines."""
import math
import re

import pytest

from streamlab_support import kafka_bootstrap
from streamlab_support.notebook_runner import cell_starting_with, cell_text, error_outputs, execute_notebook
from streamlab_check.weather_topic import read_partitions

VARIANCE_ROW = re.compile(r"^\|\s*(\d+)\|\s*(\d+)\|\s*(\d+)\|\s*([-\d.E]+)\|$", re.MULTILINE)
RANDOM_LINES = 12


def bootstrap():
    return kafka_bootstrap()


def run_notebook(workdir, **settings):
    notebook = execute_notebook("variance.ipynb", workdir, timeout_s=300, STREAMLAB_VARIANCE_POLLS=2,
                                STREAMLAB_VARIANCE_TRIGGER="1s", **settings)
    lines = [value for _, value in read_partitions("variance", lambda value: value.decode("utf-8"),
                                                   bootstrap(), partitions=range(1))[0]]
    return notebook, lines


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    """The notebook as a reader runs it: the default input, the seed's worked example."""
    return run_notebook(tmp_path_factory.mktemp("variance-example"), STREAMLAB_VARIANCE_LINE_PAUSE="500ms")


@pytest.fixture(scope="module")
def random_run(tmp_path_factory):
    return run_notebook(tmp_path_factory.mktemp("variance-random"), STREAMLAB_VARIANCE_INPUT="random",
                        STREAMLAB_VARIANCE_LINES=RANDOM_LINES, STREAMLAB_VARIANCE_LINE_PAUSE="200ms",
                        STREAMLAB_VARIANCE_SEED=7)


def printed_rows(notebook):
    printed = cell_text(cell_starting_with(notebook, "StreamingQuery varianceQuery"))
    header = next(line for line in printed.splitlines() if line.startswith("|sum_x_square|"))
    assert [column.strip() for column in header.strip("|").split("|")] == ["sum_x_square", "sum_x", "n", "var"]
    rows = [(int(sum_x_square), int(sum_x), int(n), float(variance))
            for sum_x_square, sum_x, n, variance in VARIANCE_ROW.findall(printed)]
    assert rows, printed
    return rows


def check_rows_against_the_topic(rows, lines):
    """Every printed row is the variance of a prefix of the numbers on the topic, whole lines at a time."""
    numbers = [int(token) for line in lines for token in line.split(" ")]
    previous_n = 0
    for sum_x_square, sum_x, n, variance in rows:
        # One partition: what Spark has read is a prefix of the topic.
        assert previous_n <= n <= len(numbers) and n % 6 == 0
        seen = numbers[:n]
        assert sum_x_square == sum(x * x for x in seen)
        assert sum_x == sum(seen)
        mean = sum(seen) / n
        assert math.isclose(variance, sum(x * x for x in seen) / n - mean * mean, rel_tol=1e-9)
        previous_n = n
    assert rows[-1][2] == len(numbers), "the query stopped before it had read every line sent"


def consumer_messages(notebook):
    printed = cell_text(cell_starting_with(notebook, "Properties consumerSettings"))
    return [line[len("message: "):] for line in printed.splitlines() if line.startswith("message: ")]


@pytest.mark.parametrize("which", ["example", "random_run"])
def test_the_notebook_runs_without_errors(which, request):
    notebook, _ = request.getfixturevalue(which)
    assert error_outputs(notebook) == []


def test_the_default_input_is_the_seeds_line_twice(example):
    notebook, lines = example
    assert lines == ["1 2 3 4 5 6", "1 2 3 4 5 6"]
    assert consumer_messages(notebook) == lines
    assert "failed 0" in cell_text(cell_starting_with(notebook, "producer.stop()"))


def test_the_last_row_is_the_seeds_worked_example(example):
    notebook, lines = example
    rows = printed_rows(notebook)
    check_rows_against_the_topic(rows, lines)
    sum_x_square, sum_x, n, variance = rows[-1]
    assert (sum_x_square, sum_x, n) == (182, 42, 12)
    assert math.isclose(variance, 35 / 12, rel_tol=1e-12)
    # The markdown's sample output is what a reader sees.
    assert "|         182|   42| 12|2.916666666666666|" in cell_text(cell_starting_with(notebook, "StreamingQuery varianceQuery"))


def test_random_lines_hold_six_integers_and_none_failed(random_run):
    notebook, lines = random_run
    assert len(lines) == RANDOM_LINES
    for line in lines:
        numbers = [int(token) for token in line.split(" ")]
        assert len(numbers) == 6 and all(1 <= x <= 10 for x in numbers), line
    assert "failed 0" in cell_text(cell_starting_with(notebook, "producer.stop()"))


def test_the_consumer_printed_the_first_lines_of_the_topic_in_order(random_run):
    notebook, lines = random_run
    messages = consumer_messages(notebook)
    assert messages and messages == lines[:len(messages)]


def test_every_random_variance_is_the_variance_of_the_first_n_numbers_on_the_topic(random_run):
    notebook, lines = random_run
    check_rows_against_the_topic(printed_rows(notebook), lines)
