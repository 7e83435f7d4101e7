"""notebooks/fraud.ipynb under nbconvert, checked from outside: the columns each query printed, and
the suspicious users (update and complete mode) against a direct computation on what the
transaction server recorded it sent."""
import collections
import json
import re

import pytest

from streamlab_support.notebook_runner import cell_starting_with, cell_text, error_outputs, execute_notebook

TRANSACTIONS = 40
FRAUD_ROW = re.compile(r"^\|\s*([A-Za-z]+)\|\s*(true|false)\|\s*(\d+)\|$", re.MULTILINE)


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("fraud-notebook")
    record = workdir / "sent.tsv"
    notebook = execute_notebook("fraud.ipynb", workdir, timeout_s=300,
                                STREAMLAB_FRAUD_TRANSACTIONS=TRANSACTIONS, STREAMLAB_FRAUD_PAUSE="100ms",
                                STREAMLAB_FRAUD_TRIGGER="1s", STREAMLAB_FRAUD_SEED=42,
                                STREAMLAB_FRAUD_RECORD=record)
    sent = collections.defaultdict(list)
    for line in record.read_text().splitlines():
        connection, _sent_at, transaction = line.split("\t", 2)
        sent[int(connection)].append(transaction)
    return notebook, sent


def expected_suspicious(lines):
    """Users (first + last name) with more than one flagged transaction, and how many they have."""
    flagged = collections.Counter()
    for line in lines:
        transaction = json.loads(line)
        if transaction["flag"] == 1:
            flagged[transaction["name"] + transaction["surname"]] += 1
    return {user: count for user, count in flagged.items() if count > 1}


def prefix_lengths(tables, lines):
    """For each table of suspicious users, the shortest prefix of `lines` whose direct computation
    gives exactly that table; fails if none does (a table no moment of the stream could produce)."""
    lengths = []
    for table in tables:
        start = lengths[-1] if lengths else 0
        matching = [k for k in range(start, len(lines) + 1) if expected_suspicious(lines[:k]) == table]
        assert matching, f"no prefix of the transactions gives {table}"
        lengths.append(matching[0])
    return lengths


def batches(printed):
    """The rows of each printed batch, in order: [[(user, isFraud, count), ...], ...]."""
    return [[(user, fraud, int(count)) for user, fraud, count in FRAUD_ROW.findall(block)]
            for block in printed.split("Batch: ")[1:]]


def header(printed, first_column):
    line = next(line for line in printed.splitlines() if re.match(r"^\|\s*" + first_column + r"\s*\|", line))
    return [column.strip() for column in line.strip("|").split("|")]


def test_the_notebook_runs_without_errors(run):
    notebook, _ = run
    assert error_outputs(notebook) == []


def test_each_of_the_four_queries_got_the_same_transactions(run):
    _, sent = run
    assert sorted(sent) == [1, 2, 3, 4]
    assert all(len(lines) == TRANSACTIONS for lines in sent.values())
    assert sent[1] == sent[2] == sent[3] == sent[4]
    assert expected_suspicious(sent[3]), "the seed gives no suspicious user; the checks below would be empty"


def test_the_sample_transactions_are_the_first_lines_every_connection_got(run):
    notebook, sent = run
    shown = cell_text(cell_starting_with(notebook, "Transactions.seeded(settings.seed()).limit(3)"))
    assert all(line in shown for line in sent[1][:3]), shown


def test_the_raw_query_prints_the_json_lines_sent(run):
    notebook, sent = run
    printed = cell_text(cell_starting_with(notebook, "StreamingQuery rawQuery"))
    assert header(printed, "value") == ["value"]
    shown = [line.strip("|").strip() for line in printed.splitlines() if line.startswith("|{")]
    assert shown and all(line in sent[1] for line in shown)


def test_the_parsed_static_and_streaming_data_have_the_schemas_columns(run):
    notebook, _ = run
    static = cell_text(cell_starting_with(notebook, "parsedTestDf = testDf"))
    assert header(static, "name") == ["name", "surname", "amount", "delta_t", "flag"]
    assert "|Jill|Millers|736.56|   7.78|   0|" in static
    streaming = cell_text(cell_starting_with(notebook, "StreamingQuery parsedQuery"))
    assert header(streaming, "name") == ["name", "surname", "amount", "delta_t", "flag"]


def test_update_mode_prints_changed_users_and_ends_at_the_direct_computation(run):
    notebook, sent = run
    printed = cell_text(cell_starting_with(notebook, "StreamingQuery updateQuery"))
    assert header(printed, "userID") == ["userID", "isFraud", "numTransactions"]
    latest = {}
    after_each_batch = []
    for rows in batches(printed):
        users = [user for user, _, _ in rows]
        assert len(users) == len(set(users)), "a user printed twice in one update batch"
        for user, fraud, count in rows:
            assert fraud == "true" and count > 1
            assert count > latest.get(user, 0), "update mode printed a user whose count did not change"
            latest[user] = count
        after_each_batch.append(dict(latest))
    assert latest == expected_suspicious(sent[3])
    # What update mode printed so far is, after every batch, the result over some first transactions.
    prefix_lengths(after_each_batch, sent[3])


def test_complete_mode_ends_with_every_suspicious_user(run):
    notebook, sent = run
    printed = cell_text(cell_starting_with(notebook, "StreamingQuery completeQuery"))
    assert header(printed, "userID") == ["userID", "isFraud", "numTransactions"]
    printed_batches = batches(printed)
    assert len(printed_batches) >= 2
    last = printed_batches[-1]
    assert all(fraud == "true" for _, fraud, _ in last)
    assert {user: count for user, _, count in last} == expected_suspicious(sent[4])
    # Complete mode never forgets a user: each batch's table contains the previous one's users.
    for before, after in zip(printed_batches, printed_batches[1:]):
        assert {user for user, _, _ in before} <= {user for user, _, _ in after}
    # And each table is exactly the result over the transactions received so far.
    prefix_lengths([{user: count for user, _, count in rows} for rows in printed_batches], sent[4])
