"""notebooks/fraud.ipynb through the checker (streamlab_check.notebooks.fraud), which compares what
each query printed with what the transaction server recorded it sent on each connection: the solution
scores full marks; a rule that lets one flagged transaction suffice loses exactly the suspicious-users
criterion."""
import pytest

from lab_checks import assert_full_marks, assert_lost_exactly, by_key, check, mutated
from streamlab_check.labs_support import cell_text
from streamlab_check.notebooks import fraud


@pytest.fixture(scope="module")
def solution(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("fraud-solution")
    return check("fraud", workdir), workdir


def test_the_solution_scores_full_marks(solution):
    checked, _ = solution
    assert_full_marks(checked)


def test_each_of_the_four_queries_got_the_same_transactions(solution):
    _, workdir = solution
    sent = {}
    for line in (workdir / "fraud-sent.tsv").read_text().splitlines():
        connection, _, transaction = line.split("\t", 2)
        sent.setdefault(int(connection), []).append(transaction)
    assert sorted(sent) == [1, 2, 3, 4]
    assert all(lines == sent[1] and len(lines) == fraud.TRANSACTIONS for lines in sent.values())
    assert fraud.suspicious(sent[1]), "the seed gives no suspicious user; the checks would be empty"


def test_the_sample_transactions_are_the_first_lines_every_connection_got(solution):
    checked, workdir = solution
    first = [line.split("\t", 2)[2] for line in (workdir / "fraud-sent.tsv").read_text().splitlines()[:3]]
    shown = "".join(cell_text(cell) for cell in checked.execution.cells_containing("Transactions.seeded(settings.seed()).limit(3)"))
    assert all(line in shown for line in first), shown


def test_the_static_test_data_and_the_stream_were_parsed(solution):
    checked, _ = solution
    assert "of the test data" in by_key(checked)["schema"].checked and "of the stream" in by_key(checked)["schema"].checked
    shown = "".join(cell_text(cell) for cell in checked.execution.code_cells())
    assert "|Jill|Millers|736.56|   7.78|   0|" in shown


def test_one_flagged_transaction_is_not_suspicious(tmp_path):
    notebook = mutated("fraud", tmp_path, ('.where(col("numTransactions").gt(1))', '.where(col("numTransactions").geq(1))'))
    assert_lost_exactly(check("fraud", tmp_path, notebook), "suspicious", "users with one flagged transaction are listed")
