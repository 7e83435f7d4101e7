"""fraud.ipynb — the seed's socket lecture (002): a first query that prints the raw JSON lines, a schema
that parses them (on static test data, then on the stream), and the suspicious users — more than one
flagged transaction, by name + surname — in update and in complete mode. Checked against what the
transaction server recorded it sent on each connection (STREAMLAB_FRAUD_RECORD)."""
import collections
import json
import math
from dataclasses import dataclass
from pathlib import Path

from streamlab_check.execution import Execution
from streamlab_check.labs_support import ConsoleTable, Miss, Rule, console_tables, require, results
from streamlab_check.rubric import Criterion, Result

NAME = "fraud"
SERVICES = frozenset()  # the transaction server is in the notebook's JVM; Spark runs there too
TRANSACTIONS = 60  # the notebook's default: seed 42 gives four suspicious users
FIELDS = ["name", "surname", "amount", "delta_t", "flag"]
REPORT = ["userID", "isFraud", "numTransactions"]
# The seed's static test lines, as the notebook's schema should parse them.
TEST_DATA = [("Jill", "Millers", 736.56, 7.78, 0), ("John", "Johnson", 986.47, 3.9, 0), ("John", "Jones", 249.9, 0.62, 1),
             ("Andy", "Jones", 950.95, 6.02, 0), ("Jill", "Millers", 724.32, 9.19, 0), ("John", "Johnson", 850.07, 7.33, 1),
             ("Andy", "Smith", 557.48, 9.64, 0), ("Alice", "Darby", 424.75, 7.76, 0)]


def record_file(environment: dict[str, str]) -> Path:
    return Path(environment["STREAMLAB_FRAUD_RECORD"])


def environment(workdir: Path) -> dict[str, str]:
    return {"STREAMLAB_FRAUD_TRANSACTIONS": str(TRANSACTIONS), "STREAMLAB_FRAUD_PAUSE": "50ms",
            "STREAMLAB_FRAUD_TRIGGER": "1s", "STREAMLAB_FRAUD_SEED": "42", "STREAMLAB_FRAUD_QUERY_WAIT": "90s",
            "STREAMLAB_FRAUD_RECORD": str(workdir / "fraud-sent.tsv")}


# The seed gives the first query whole (the exercises start at the schema): not the student's code.
RAW = Criterion("raw", "the first query prints the JSON lines the socket sent (update mode, console)", 1, code=False)
SCHEMA = Criterion("schema", "the schema parses name, surname, amount, delta_t, flag with their types (test data and stream)", 2)
RULE = Criterion("suspicious", "suspicious users: more than one flagged transaction per name + surname, isFraud true,"
                               " counted over everything received so far", 3)
UPDATE = Criterion("update_mode", "update mode prints only the users whose count changed in a batch", 2)
COMPLETE = Criterion("complete_mode", "complete mode prints every suspicious user so far after every batch", 2)


def criteria() -> list[Criterion]:
    return [RAW, SCHEMA, RULE, UPDATE, COMPLETE]


@dataclass(frozen=True)
class Evidence:
    sent: dict[int, list[str]]    # connection -> the JSON lines the server sent on it, in order
    transactions: list[str]       # what every connection got (the same seeded lines)
    tables: list[ConsoleTable]
    update: list[ConsoleTable]    # the update query's batches
    complete: list[ConsoleTable]  # the complete query's batches


def gather(execution: Execution) -> Evidence:
    record = record_file(execution.environment)
    if not record.exists():
        raise Miss(f"the transaction server recorded nothing ({record} is missing)",
                   "the notebook stopped before it started the TransactionServer")
    sent = collections.defaultdict(list)
    for line in record.read_text().splitlines():
        connection, _sent_at, transaction = line.split("\t", 2)
        sent[int(connection)].append(transaction)
    transactions = max(sent.values(), key=len) if sent else []
    tables = console_tables(execution.executed)
    reports = [table for table in tables if table.columns == REPORT]
    by_cell = collections.OrderedDict()
    for table in reports:
        by_cell.setdefault(table.cell, []).append(table)
    update, complete = [], []
    for cell, batches in by_cell.items():
        source = execution.executed.cells[cell].source.replace(" ", "")
        if 'outputMode("complete")' in source or "OutputMode.Complete()" in source:
            complete = complete or batches
        elif 'outputMode("update")' in source or "OutputMode.Update()" in source:
            update = update or batches
    if not update and not complete and len(by_cell) >= 1:  # modes not named in the cell: the seed's order
        cells = list(by_cell.values())
        update, complete = cells[0], cells[1] if len(cells) > 1 else []
    return Evidence(dict(sent), transactions, tables, update, complete)


def suspicious(lines: list[str]) -> dict[str, int]:
    """The seed's rule, computed here: users (first + last name) with more than one flagged transaction."""
    flagged = collections.Counter()
    for line in lines:
        transaction = json.loads(line)
        if transaction["flag"] == 1:
            flagged[transaction["name"] + transaction["surname"]] += 1
    return {user: count for user, count in flagged.items() if count > 1}


def check_raw(e: Evidence) -> str:
    shown = [row[0] for table in e.tables if table.columns == ["value"] for row in table.rows if row[0].startswith("{")]
    require(shown, "no table with a `value` column of JSON lines was printed")
    sent = {line for lines in e.sent.values() for line in lines}
    streamed = [line for line in shown if line in sent]
    strange = [line for line in shown if line not in sent and not is_test_line(line)]
    if strange:
        raise Miss(f"{len(strange)} printed line(s) were never sent, e.g. {strange[0][:80]}",
                   "the lines are cut: print them whole (option truncate=false)")
    require(streamed, "no line the server sent was printed", "start a console query on the socket stream itself")
    return f"{len(streamed)} JSON lines printed, each one the server sent"


def is_test_line(line: str) -> bool:
    """One of the seed's static test lines (shown by testDf.show), not a line of the stream."""
    try:
        t = json.loads(line)
        return (t["name"], t["surname"], t["amount"], t["delta_t"], t["flag"]) in TEST_DATA
    except (ValueError, KeyError, TypeError):
        return False


def parsed(row: list[str]):
    name, surname, amount, delta_t, flag = row
    number = lambda text: None if text == "null" else float(text)
    return name, surname, number(amount), number(delta_t), None if flag == "null" else number(flag)


def same(a, b) -> list[str]:
    """The fields in which a parsed row differs from a transaction."""
    wrong = []
    for field, x, y in zip(FIELDS, a, b):
        if x is None or (isinstance(y, float) and not math.isclose(x, y, abs_tol=1e-9)) or (isinstance(y, str) and x != y):
            wrong.append(field)
    return wrong


def check_schema(e: Evidence) -> str:
    rows = [parsed(row) for table in e.tables if table.columns == FIELDS for row in table.rows]
    require(rows, "no table with the columns name | surname | amount | delta_t | flag was printed",
            "the parsed data is not flat: select from_json(...).as(\"data\") and then \"data.*\"")
    sent = []
    for line in e.transactions:
        t = json.loads(line)
        sent.append((t["name"], t["surname"], float(t["amount"]), float(t["delta_t"]), float(t["flag"])))
    static = [tuple(float(v) if isinstance(v, (int, float)) else v for v in t) for t in TEST_DATA]
    of_test, of_stream = 0, 0
    for row in rows:
        candidates = [t for t in static + sent if t[0] == row[0] and t[1] == row[1]]
        require(candidates, f"a parsed row names {row[0]} {row[1]}, who is in neither the test data nor the stream")
        wrong = min((same(row, t) for t in candidates), key=len)
        if wrong:
            raise Miss(f"a parsed row of {row[0]} {row[1]} has a wrong {', '.join(wrong)}: {row}",
                       f"{', '.join(wrong)} parsed wrongly: a field of the wrong type parses to null (amount and"
                       " delta_t are doubles, flag an integer)")
        of_test += any(not same(row, t) for t in static)
        of_stream += any(not same(row, t) for t in sent)
    require(of_test, "no parsed row of the static test data was printed", "parse the test data first: parsedTestDf.show()")
    require(of_stream, "no parsed row of the streamed transactions was printed",
            "chain the same parsing to the socket stream and print it with a console query")
    return f"{len(rows)} parsed rows, every field as sent ({of_test} of the test data, {of_stream} of the stream)"


def rows_of(table: ConsoleTable) -> list[tuple[str, str, int]]:
    return [(user, fraud, int(count)) for user, fraud, count in table.rows]


def require_moments_of_the_stream(tables: list[dict[str, int]], lines: list[str]) -> None:
    """Each table must be the rule's result over some first transactions, later tables over more."""
    start = 0
    for table in tables:
        matching = [k for k in range(start, len(lines) + 1) if suspicious(lines[:k]) == table]
        if not matching:
            hint = None
            if any(count == 1 for count in table.values()):
                hint = "users with one flagged transaction are listed: suspicious means more than one (numTransactions > 1)"
            elif table and not set(table) & {json.loads(l)["name"] + json.loads(l)["surname"] for l in lines}:
                hint = "userID is the first name and the surname concatenated (JohnJohnson)"
            raise Miss(f"no moment of the stream gives the table {table}", hint)
        start = matching[0]


def check_rule(e: Evidence) -> str:
    require(e.update or e.complete, "no table of userID | isFraud | numTransactions was printed")
    expected = suspicious(e.transactions)
    require(expected, "the seed gives no suspicious user: nothing to check", "set STREAMLAB_FRAUD_SEED to the default 42")
    for table in e.update + e.complete:
        require(all(fraud == "true" for _, fraud, _ in rows_of(table)), f"isFraud is not true in batch {table.batch}",
                "mark the suspicious users with isFraud = lit(true)")
    latest, after_each = {}, []
    for table in e.update:
        latest.update({user: count for user, _, count in rows_of(table)})
        after_each.append(dict(latest))
    require_moments_of_the_stream(after_each, e.transactions)
    require_moments_of_the_stream([{user: count for user, _, count in rows_of(table)} for table in e.complete], e.transactions)
    require(e.update and latest == expected, f"update mode ends at {latest}; all {len(e.transactions)} transactions give {expected}")
    final = {user: count for user, _, count in rows_of(e.complete[-1])} if e.complete else {}
    require(final == expected, f"complete mode ends at {final}; all {len(e.transactions)} transactions give {expected}")
    return f"both modes end at the {len(expected)} suspicious users of the {len(e.transactions)} transactions, {expected}"


def check_update(e: Evidence) -> str:
    require(e.update, "no update-mode table of userID | isFraud | numTransactions was printed")
    latest = {}
    for table in e.update:
        users = [user for user, _, _ in rows_of(table)]
        require(len(users) == len(set(users)), f"batch {table.batch} prints a user twice")
        for user, _, count in rows_of(table):
            require(count > latest.get(user, 0), f"batch {table.batch} prints {user} again with an unchanged count {count}",
                    "this is complete mode's output: use outputMode(\"update\")")
            latest[user] = count
    return f"{len(e.update)} batch(es), each printing only users whose count changed"


def check_complete(e: Evidence) -> str:
    require(len(e.complete) >= 2, f"{len(e.complete)} complete-mode table(s) printed; at least two batches are needed")
    for before, after in zip(e.complete, e.complete[1:]):
        lost = {user for user, _, _ in rows_of(before)} - {user for user, _, _ in rows_of(after)}
        require(not lost, f"batch {after.batch} forgot {sorted(lost)}", "this is update mode's output: use outputMode(\"complete\")")
    return f"{len(e.complete)} batches, each the whole table so far"


RULES = [
    Rule(RAW, "no raw query printed the socket's lines: readStream().format(\"socket\") with the server's host and port,"
              " written to the console sink", check_raw),
    Rule(SCHEMA, "the schema does not parse the transactions: name and surname strings, amount and delta_t doubles,"
                 " flag an integer", check_schema),
    Rule(RULE, "the suspicious users are not those with more than one flagged transaction: filter flag = 1, group by"
               " concat(name, surname) as userID, count, keep counts > 1", check_rule),
    Rule(UPDATE, "no update-mode query printed the suspicious users: outputMode(\"update\") on the console sink", check_update),
    Rule(COMPLETE, "no complete-mode query printed the suspicious users: outputMode(\"complete\") on the console sink",
         check_complete),
]


def check(execution: Execution) -> list[Result]:
    return results(RULES, execution, lambda: gather(execution))
