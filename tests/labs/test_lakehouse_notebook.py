"""notebooks/lakehouse.ipynb under nbconvert, checked from outside: the bronze, silver and gold tables
on HDFS read with the plain Parquet client (tests/labs/LakeTable.java), not with Spark — the
reconciliation bronze = silver valid + corrupted, the corrupted split, the country join and date
partitions, and gold recomputed here from the silver rows — the first occurrence of each duplicate,
both pivot reports (NULL where the seed shows NULL, the seed's column names) — not with the
notebook's own code."""
import collections
import datetime
import json
import re
import subprocess
import uuid

import pytest

from streamlab_support.notebook_runner import cell_starting_with, cell_text, error_outputs, execute_notebook
from streamlab_support import REPO, hdfs_url, lib_classpath

EVENT_TYPES = ["CLICKED", "CREATED", "OPEN", "RECEIVED", "SENT"]
CHANNELS = ["CHAT", "EMAIL", "OTHER", "PUSH", "SMS"]
COUNTRIES = ["Brazil", "Portugal", "Spain", "Germany", "France", "Italy", "United Kingdom", "United States",
             "Canada", "Australia", "Japan", "China", "India", "South Korea", "Russia", "Argentina"]
BRONZE_COLUMNS = ["timestamp", "value", "event_type", "message_id", "channel", "country_id", "user_id"]
KEY = ("message_id", "event_type", "channel")


def corrupted(event_type):
    return event_type is None or event_type in ("", "NONE")


def lake_tables(command, *uris):
    """Runs LakeTable.java once (compiling it takes seconds): {uri: [row, ...]} for "rows"."""
    result = subprocess.run(["java", "-Xmx256m", "-cp", lib_classpath(), str(REPO / "tests" / "labs" / "LakeTable.java"),
                             command, *uris], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    tables, rows = {}, None
    for line in result.stdout.splitlines():
        if line.startswith("table "):
            rows = tables[line[len("table "):]] = []
        elif line.startswith("{"):
            rows.append(json.loads(line))
    return tables


@pytest.fixture(scope="module")
def lake(tmp_path_factory):
    """Runs the notebook with a lake of its own on HDFS; reads every table back; deletes the lake."""
    workdir = tmp_path_factory.mktemp("lakehouse-notebook")
    hdfs = hdfs_url().rstrip("/")
    root = f"{hdfs}/streamlab/test-lakehouse-{uuid.uuid4().hex[:8]}"
    try:
        notebook = execute_notebook("lakehouse.ipynb", workdir, timeout_s=300,
                                    STREAMLAB_LAKEHOUSE_SEED=42, STREAMLAB_LAKEHOUSE_ROWS_PER_SECOND=20,
                                    STREAMLAB_LAKEHOUSE_BRONZE_DURATION="6s", STREAMLAB_LAKEHOUSE_SILVER_TRIGGER="2s",
                                    STREAMLAB_LAKEHOUSE_SILVER_DURATION="2s", STREAMLAB_LAKEHOUSE_ROOT=root)
        paths = {"bronze": "bronze/messages/data", "valid": "silver/messages/data",
                 "corrupted": "silver/messages_corrupted/data", "gold": "gold/messages/data",
                 "report1": "gold/report1/data", "report2": "gold/report2/data"}
        read = lake_tables("rows", *(f"{root}/{path}" for path in paths.values()))
        yield notebook, {name: read[f"{root}/{path}"] for name, path in paths.items()}
    finally:
        lake_tables("delete", root)


def columns(rows):
    return list(rows[0].keys())


def test_the_notebook_runs_without_errors(lake):
    notebook, _ = lake
    assert error_outputs(notebook) == []


def test_bronze_holds_each_rate_row_once_with_the_producers_columns(lake):
    notebook, tables = lake
    bronze = tables["bronze"]
    assert len(bronze) >= 20, "the bronze stream wrote too little for the checks below to mean anything"
    assert columns(bronze) == BRONZE_COLUMNS
    # The rate source counts from 0; its checkpointed stream wrote every row once.
    assert sorted(row["value"] for row in bronze) == list(range(len(bronze)))
    printed = cell_text(cell_starting_with(notebook, "Dataset<Row> bronze = "))
    assert f"Total messages in bronze layer: {len(bronze)}" in printed


def test_bronze_equals_silver_valid_plus_corrupted(lake):
    notebook, tables = lake
    bronze, valid, broken = tables["bronze"], tables["valid"], tables["corrupted"]
    assert valid and broken, "the seed gave no valid or no corrupted event"
    assert len(bronze) == len(valid) + len(broken)
    assert sorted(row["value"] for row in valid + broken) == sorted(row["value"] for row in bronze)
    printed = cell_text(cell_starting_with(notebook, "long bronzeTotal"))
    assert f"Total messages in bronze layer: {len(bronze)}\n" in printed
    assert f"Total corrupted messages in silver layer: {len(broken)}\n" in printed
    assert f"Total non-corrupted messages in silver layer: {len(valid)}\n" in printed
    assert f"Total messages in silver layer: {len(bronze)}\n" in printed
    assert "Message counts match" in printed


def test_silver_splits_corrupted_events_joins_countries_and_partitions_by_date(lake):
    _, tables = lake
    by_value = {row["value"]: row for row in tables["bronze"]}
    assert all(corrupted(row["event_type"]) for row in tables["corrupted"])
    assert all(row["event_type"] in EVENT_TYPES for row in tables["valid"])
    for row in tables["valid"] + tables["corrupted"]:
        original = by_value[row["value"]]
        assert {column: row[column] for column in BRONZE_COLUMNS} == original
        assert row["country"] == COUNTRIES[row["country_id"] - 2000]
        # Spark formats the date in the JVM's time zone, which is this machine's.
        day = datetime.datetime.fromtimestamp(row["timestamp"] / 1e6).strftime("%Y-%m-%d")
        assert row["date"] == day


def first_occurrences(valid):
    """The seed's de-duplication, computed here: per (message_id, event_type, channel), the earliest row."""
    first = {}
    for row in valid:
        key = tuple(row[column] for column in KEY)
        if key not in first or row["timestamp"] < first[key]["timestamp"]:
            first[key] = row
    return first


def test_gold_keeps_the_first_occurrence_of_each_duplicate(lake):
    notebook, tables = lake
    valid, gold = tables["valid"], tables["gold"]
    first = first_occurrences(valid)
    assert len(first) < len(valid), "silver has no duplicates, so de-duplication was not tested"
    gold_keys = [tuple(row[column] for column in KEY) for row in gold]
    assert len(gold_keys) == len(set(gold_keys)), "gold still has duplicates"
    # Whole rows: gold holds exactly the silver rows that are first occurrences, unchanged.
    assert sorted(gold, key=lambda row: row["value"]) == sorted(first.values(), key=lambda row: row["value"])
    printed = cell_text(cell_starting_with(notebook, "WindowSpec byKeyInTimestampOrder"))
    assert f"valid messages: {len(valid)}, without duplicates: {len(gold)}" in printed


def test_the_duplicate_shown_is_kept_once_at_its_first_timestamp(lake):
    notebook, tables = lake
    printed = cell_text(cell_starting_with(notebook, "Row duplicated"))
    in_silver, in_gold = printed.split("in gold:")
    values = lambda text: [int(line.split("|")[-2]) for line in text.splitlines() if re.match(r"\|[0-9a-f]{8}-", line)]
    assert len(values(in_silver)) > 1 and len(values(in_gold)) == 1, printed
    by_value = {row["value"]: row for row in tables["valid"]}
    assert values(in_gold)[0] == min(values(in_silver), key=lambda value: by_value[value]["timestamp"])


def test_report1_pivots_event_types_per_date_and_channel_null_where_none(lake):
    _, tables = lake
    report = tables["report1"]
    assert columns(report) == ["date", "channel"] + EVENT_TYPES + ["total"]
    expected = collections.Counter((row["date"], row["channel"], row["event_type"])
                                   for row in first_occurrences(tables["valid"]).values())
    assert {(row["date"], row["channel"]) for row in report} == {(date, channel) for date, channel, _ in expected}
    for row in report:
        for event_type in EVENT_TYPES:
            count = expected[(row["date"], row["channel"], event_type)]
            # As in the seed's expected output: NULL where nothing happened, never 0.
            assert row[event_type] == (count or None), (row, event_type)
        assert row["total"] == sum(expected[(row["date"], row["channel"], t)] for t in EVENT_TYPES)
    assert [(row["date"], row["channel"]) for row in report] == sorted((row["date"], row["channel"]) for row in report)
    assert sum(row["total"] for row in report) == len(tables["gold"])


def test_report2_counts_iterations_per_user_and_channel_most_active_first(lake):
    _, tables = lake
    report = tables["report2"]
    assert columns(report) == ["user_id", "iterations"] + CHANNELS
    expected = collections.Counter((row["user_id"], row["channel"])
                                   for row in first_occurrences(tables["valid"]).values())
    for row in report:
        assert row["iterations"] == sum(row[channel] for channel in CHANNELS)
        for channel in CHANNELS:
            assert row[channel] == expected[(row["user_id"], channel)]  # 0, not NULL, as the seed's fillna(0)
    assert {row["user_id"] for row in report} == {user for user, _ in expected}
    order = [(-row["iterations"], row["user_id"]) for row in report]
    assert order == sorted(order)
