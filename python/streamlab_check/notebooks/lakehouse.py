"""lakehouse.ipynb — the seed's final challenges (003): bronze written by a checkpointed stream; a silver
stream that splits corrupted events (event type null, empty or NONE) from valid ones, joins country
names and partitions by date, with bronze = silver valid + corrupted; gold without duplicates (the
first occurrence by timestamp per message_id, event_type, channel) and the two pivot reports. Checked
on the tables as written, read with the plain Parquet client (LakeTable.java, no Spark), with gold
recomputed from silver and the reports from gold. (Challenge 3 is a design question in markdown: not
scored.)"""
import collections
import datetime
import uuid
from dataclasses import dataclass
from pathlib import Path

from streamlab_check.endpoints import hdfs_url
from streamlab_check.execution import Execution
from streamlab_check.labs_support import Miss, Rule, read_lake, require, results
from streamlab_check.rubric import Criterion, Result

NAME = "lakehouse"
SERVICES = frozenset({"hdfs"})
EVENT_TYPES = ["CLICKED", "CREATED", "OPEN", "RECEIVED", "SENT"]
CHANNELS = ["CHAT", "EMAIL", "OTHER", "PUSH", "SMS"]
COUNTRIES = ["Brazil", "Portugal", "Spain", "Germany", "France", "Italy", "United Kingdom", "United States",
             "Canada", "Australia", "Japan", "China", "India", "South Korea", "Russia", "Argentina"]
BRONZE_COLUMNS = ["timestamp", "value", "event_type", "message_id", "channel", "country_id", "user_id"]
KEY = ("message_id", "event_type", "channel")
# LakeTables' layout below the root
PATHS = {"bronze": "bronze/messages/data", "valid": "silver/messages/data", "corrupted": "silver/messages_corrupted/data",
         "gold": "gold/messages/data", "report1": "gold/report1/data", "report2": "gold/report2/data"}
BRONZE_CHECKPOINT = "bronze/messages/checkpoint"
SILVER_CHECKPOINT = "silver/checkpoint"


def environment(workdir: Path) -> dict[str, str]:
    hdfs = hdfs_url()
    # A lake of this run's own, deleted once checked.
    return {"STREAMLAB_LAKEHOUSE_SEED": "42", "STREAMLAB_LAKEHOUSE_ROWS_PER_SECOND": "20",
            "STREAMLAB_LAKEHOUSE_BRONZE_DURATION": "6s", "STREAMLAB_LAKEHOUSE_SILVER_TRIGGER": "2s",
            "STREAMLAB_LAKEHOUSE_SILVER_DURATION": "2s", "STREAMLAB_LAKEHOUSE_QUERY_WAIT": "90s",
            "STREAMLAB_LAKEHOUSE_ROOT": f"{hdfs}/streamlab/check-lakehouse-{uuid.uuid4().hex[:8]}"}


BRONZE = Criterion("bronze", "bronze holds every rate row once with the producer's columns, checkpointed next to the data", 2)
SPLIT = Criterion("silver_split", "silver splits corrupted events (null, empty, NONE) from valid ones: bronze = valid + corrupted", 3)
ENRICH = Criterion("silver_enrich", "silver joins the country names and is partitioned by date", 2)
DEDUP = Criterion("dedup", "gold keeps the first occurrence by timestamp of each message_id, event_type, channel", 3)
REPORT1 = Criterion("report1", "report 1: date × channel, event types pivoted (NULL where none), with a total", 2)
REPORT2 = Criterion("report2", "report 2: users × channel with iterations, most active first", 2)


def criteria() -> list[Criterion]:
    return [BRONZE, SPLIT, ENRICH, DEDUP, REPORT1, REPORT2]


@dataclass(frozen=True)
class Evidence:
    root: str
    tables: dict[str, list[dict] | None]  # by PATHS' names; None where the notebook wrote no such table
    paths: set[str]                       # which of the checkpoint and partition paths asked about exist


def corrupted(event_type) -> bool:
    return event_type is None or event_type in ("", "NONE")


def gather(execution: Execution) -> Evidence:
    root = execution.environment["STREAMLAB_LAKEHOUSE_ROOT"]
    # Where silver's date directories would be: one a day, and a run lasts minutes.
    today = datetime.date.today()
    dates = {str(today + datetime.timedelta(days=offset)) for offset in (-1, 0, 1)}
    asked = [f"{root}/{BRONZE_CHECKPOINT}/offsets", f"{root}/{PATHS['bronze']}/offsets"]
    asked += [f"{root}/{PATHS[name]}/date={date}" for name in ("valid", "corrupted") for date in sorted(dates)]
    # Read once, then delete the lake this run made (environment() named it for this run only).
    read, existing = read_lake([f"{root}/{path}" for path in PATHS.values()], asked,
                               [root] if "/check-lakehouse-" in root else [])
    return Evidence(root, {name: read.get(f"{root}/{path}") for name, path in PATHS.items()}, existing)


def table(e: Evidence, name: str) -> list[dict]:
    rows = e.tables[name]
    require(rows is not None, f"no table at {e.root}/{PATHS[name]}", f"the notebook never wrote {PATHS[name]}")
    require(rows, f"{PATHS[name]} is empty")
    return rows


def check_bronze(e: Evidence) -> str:
    bronze = table(e, "bronze")
    require(list(bronze[0]) == BRONZE_COLUMNS, f"bronze's columns are {list(bronze[0])}",
            "write the rate rows enriched by MessageEvents.enrich, nothing dropped or added")
    values = sorted(row["value"] for row in bronze)
    require(values == list(range(len(bronze))), f"{len(bronze)} rows, values {values[:5]}…: not each rate row once",
            "append each micro-batch once (foreachBatch with mode(\"append\")) from an empty lake")
    require(f"{e.root}/{BRONZE_CHECKPOINT}/offsets" in e.paths, f"no checkpoint at {BRONZE_CHECKPOINT}",
            "give the bronze stream its checkpointLocation (LakeTables.bronzeCheckpoint())")
    require(f"{e.root}/{PATHS['bronze']}/offsets" not in e.paths, "the checkpoint is inside the data directory",
            "the checkpoint lives next to the data (bronze/messages/checkpoint), never inside it")
    return f"{len(bronze)} rows, rate values 0 to {len(bronze) - 1} once each, checkpoint at {BRONZE_CHECKPOINT}"


def check_split(e: Evidence) -> str:
    bronze, valid, broken = table(e, "bronze"), table(e, "valid"), table(e, "corrupted")
    wrong = [row["event_type"] for row in valid if corrupted(row["event_type"])]
    if wrong:
        raise Miss(f"{len(wrong)} valid row(s) with event type {wrong[0]!r}",
                   "corrupted means event_type null, empty or NONE: all three go to messages_corrupted")
    wrong = [row["event_type"] for row in broken if not corrupted(row["event_type"])]
    if wrong:
        raise Miss(f"{len(wrong)} corrupted row(s) with event type {wrong[0]!r}", "only null, empty or NONE are corrupted")
    require(sorted(row["value"] for row in valid + broken) == sorted(row["value"] for row in bronze),
            f"bronze {len(bronze)} rows, silver {len(valid)} valid + {len(broken)} corrupted",
            "the silver stream stopped before it read all of bronze, or wrote a batch twice: wait until every bronze"
            " row is processed (QueryRows.awaitProcessed) and write each batch once")
    return f"bronze {len(bronze)} = {len(valid)} valid + {len(broken)} corrupted, each event once"


def check_enrich(e: Evidence) -> str:
    by_value = {row["value"]: row for row in table(e, "bronze")}
    rows = table(e, "valid") + table(e, "corrupted")
    for row in rows:
        original = by_value.get(row["value"])
        require(original and {column: row.get(column) for column in BRONZE_COLUMNS} == original,
                f"silver row {row['value']} differs from bronze's", "keep bronze's columns as they are")
        require(row.get("country") == COUNTRIES[row["country_id"] - 2000],
                f"country {row.get('country')!r} for country_id {row['country_id']}",
                "left-join the countries on country_id and keep their `country` column")
        # Spark formats the date in the JVM's time zone, which is this machine's.
        day = datetime.datetime.fromtimestamp(row["timestamp"] / 1e6).strftime("%Y-%m-%d")
        require(row.get("date") == day, f"date {row.get('date')!r} for a timestamp on {day}",
                "date = date_format(timestamp, \"yyyy-MM-dd\")")
    for name in ("valid", "corrupted"):
        for date in {row["date"] for row in table(e, name)}:
            require(f"{e.root}/{PATHS[name]}/date={date}" in e.paths, f"no directory date={date} in {PATHS[name]}",
                    "write silver with partitionBy(\"date\")")
    return f"{len(rows)} silver rows with their country and date, in date=… directories"


def first_occurrences(valid: list[dict]) -> dict:
    """The seed's de-duplication, computed here: per (message_id, event_type, channel), the earliest row."""
    first = {}
    for row in valid:
        key = tuple(row[column] for column in KEY)
        if key not in first or row["timestamp"] < first[key]["timestamp"]:
            first[key] = row
    return first


def check_dedup(e: Evidence) -> str:
    valid, gold = table(e, "valid"), table(e, "gold")
    first = first_occurrences(valid)
    require(len(first) < len(valid), "silver has no duplicates: nothing to de-duplicate", "run the bronze stream longer")
    keys = [tuple(row.get(column) for column in KEY) for row in gold]
    require(len(keys) == len(set(keys)), f"gold has {len(keys) - len(set(keys))} duplicate(s) left",
            "keep one row per message_id, event_type, channel: row_number() over the window, == 1")
    by_value = lambda rows: sorted(rows, key=lambda row: row["value"])
    if by_value(gold) != by_value(first.values()):
        later = [row for row in gold if tuple(row.get(c) for c in KEY) in first and row != first[tuple(row.get(c) for c in KEY)]]
        raise Miss(f"gold has {len(gold)} rows, {len(later)} of them not the first occurrence by timestamp",
                   "order each key's window by timestamp ascending, so row 1 is the first occurrence" if later else None)
    return f"{len(valid)} valid rows, {len(gold)} first occurrences kept whole"


def check_report1(e: Evidence) -> str:
    report, gold = table(e, "report1"), table(e, "gold")
    require(list(report[0]) == ["date", "channel"] + EVENT_TYPES + ["total"], f"columns {list(report[0])}",
            "pivot event_type with the five valid types as values, then add `total`")
    expected = collections.Counter((row["date"], row["channel"], row["event_type"]) for row in gold)
    cells = {(date, channel) for date, channel, _ in expected}
    require({(row["date"], row["channel"]) for row in report} == cells, f"{len(report)} rows; gold has {len(cells)} date × channel",
            "group gold (not silver) by date and channel")
    for row in report:
        for event_type in EVENT_TYPES:
            count = expected[(row["date"], row["channel"], event_type)]
            hint = "a cell where nothing happened is NULL, as in the seed's expected output (no fill)" if row[event_type] == 0 else \
                "count gold's de-duplicated messages, not silver's"
            require(row[event_type] == (count or None), f"{row['date']} {row['channel']} {event_type}: {row[event_type]}, gold has {count}", hint)
        require(row["total"] == sum(expected[(row["date"], row["channel"], t)] for t in EVENT_TYPES),
                f"{row['date']} {row['channel']} total {row['total']}", "total = the sum of the event types, NULL as 0 (coalesce)")
    require([(row["date"], row["channel"]) for row in report] == sorted((row["date"], row["channel"]) for row in report),
            "rows not in date, channel order", "orderBy(\"date\", \"channel\")")
    return f"{len(report)} date × channel rows recomputed from gold's {len(gold)} messages"


def check_report2(e: Evidence) -> str:
    report, gold = table(e, "report2"), table(e, "gold")
    require(list(report[0]) == ["user_id", "iterations"] + CHANNELS, f"columns {list(report[0])}",
            "select user_id, iterations, then the five channels")
    expected = collections.Counter((row["user_id"], row["channel"]) for row in gold)
    require({row["user_id"] for row in report} == {user for user, _ in expected},
            f"{len(report)} users; gold has {len({user for user, _ in expected})}", "group gold (not silver) by user")
    for row in report:
        for channel in CHANNELS:
            require(row[channel] == expected[(row["user_id"], channel)],
                    f"user {row['user_id']} {channel}: {row[channel]}, gold has {expected[(row['user_id'], channel)]}",
                    "a channel the user never used is 0 (na().fill(0)); count gold's de-duplicated messages")
        require(row["iterations"] == sum(row[channel] for channel in CHANNELS), f"user {row['user_id']}: iterations {row['iterations']}",
                "iterations = the sum of the user's channels")
    order = [(-row["iterations"], row["user_id"]) for row in report]
    require(order == sorted(order), "users not most active first", "orderBy(iterations desc, user_id)")
    return f"{len(report)} users recomputed from gold, most active first"


RULES = [
    Rule(BRONZE, "bronze is not every rate row once with a checkpoint next to it", check_bronze),
    Rule(SPLIT, "silver does not split the events: corrupted (event_type null, empty or NONE) to messages_corrupted,"
                " the rest to messages, every bronze row once", check_split),
    Rule(ENRICH, "silver rows lack their country or date: left-join the countries, add date, partitionBy(\"date\")", check_enrich),
    Rule(DEDUP, "gold is not the first occurrence of each message_id, event_type, channel: row_number() over a window"
                " partitioned by the three, ordered by timestamp, == 1", check_dedup),
    Rule(REPORT1, "report 1 is not gold's date × channel pivot of event types with a total", check_report1),
    Rule(REPORT2, "report 2 is not gold's users × channel with iterations, most active first", check_report2),
]


def check(execution: Execution) -> list[Result]:
    return results(RULES, execution, lambda: gather(execution))
