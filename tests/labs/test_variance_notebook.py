"""notebooks/variance.ipynb through the checker (streamlab_check.notebooks.variance), which reads the
topic back with kafka-python and recomputes every printed row: the solution scores full marks and its
last row is the seed's worked example (Σx² = 182, Σx = 42, n = 12, var = 2.916666666666666); through
`./streamlab check`, a variance whose mean is not squared loses exactly the variance's points."""
import pytest

from lab_checks import assert_full_marks, by_key, check, check_command, checked_column, mutated, points_column, score
from streamlab_check.labs_support import cell_text


@pytest.fixture(scope="module")
def solution(tmp_path_factory):
    return check("variance", tmp_path_factory.mktemp("variance-solution"))


def test_the_solution_scores_full_marks(solution):
    assert_full_marks(solution)


def test_the_last_row_is_the_seeds_worked_example_on_the_topic(solution):
    assert "last row (182, 42, 12, 2.916666666666666) covers all 2 lines (12 integers)" in by_key(solution)["all_read"].checked
    # The markdown's sample output is what a reader sees.
    shown = "".join(cell_text(cell) for cell in solution.execution.code_cells())
    assert "|         182|   42| 12|2.916666666666666|" in shown


def test_the_consumer_printed_the_seeds_line(solution):
    shown = "".join(cell_text(cell) for cell in solution.execution.code_cells())
    assert "message: 1 2 3 4 5 6" in shown
    assert "failed 0" in shown  # the producer's own account: every line acknowledged


def test_a_mean_not_squared_loses_the_variance_through_the_command(tmp_path):
    notebook = mutated("variance", tmp_path, ('col("sum_x_square").divide(n).minus(pow(col("sum_x").divide(n), 2))',
                                              'col("sum_x_square").divide(n).minus(col("sum_x").divide(n))'))
    status, stdout, stderr = check_command(str(notebook))
    assert status == 1, stdout + stderr[-3000:]
    assert score(stdout) == (8, 10), stdout
    assert "hint: the mean is not squared" in checked_column(stdout), stdout
    # consumer, columns, sums, variance, all_read: only the variance lost its points
    assert points_column(stdout) == ["2/2", "1/1", "3/3", "0/2", "2/2"], stdout
