"""notebooks/lakehouse.ipynb under nbconvert, checked from outside: the bronze, silver and gold tables
on HDFS read with the plain Parquet client (tests/labs/LakeTable.java), not with Spark — the
reconciliation bronze = silver valid + corrupted, the corrupted split, the country join and date
partitions, de-duplication that really removed duplicates, and both reports against a direct
computation on gold."""
import collections
import datetime
import json
import os
import re
import subprocess
import uuid

import pytest

from notebook_runner import cell_starting_with, cell_text, error_outputs, execute_notebook
from streamlab_testing import REPO, lib_classpath

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
    hdfs = os.environ.get("STREAMLAB_HDFS", "hdfs://localhost:9000").rstrip("/")
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
    printed = cell_text(cell_starting_with(notebook, "LayerCounts counts"))
    assert re.search(rf"bronze messages:\s+{len(bronze)}\n", printed)
    assert re.search(rf"silver valid messages:\s+{len(valid)}\n", printed)
    assert re.search(rf"silver corrupted messages:\s+{len(broken)}\n", printed)
    assert "bronze = valid + corrupted: true" in printed


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


def test_gold_keeps_the_first_occurrence_of_each_duplicate(lake):
    notebook, tables = lake
    valid, gold = tables["valid"], tables["gold"]
    first = {}
    for row in valid:
        key = tuple(row[column] for column in KEY)
        first[key] = min(first.get(key, row["timestamp"]), row["timestamp"])
    assert len(first) < len(valid), "silver has no duplicates, so de-duplication was not tested"
    gold_keys = [tuple(row[column] for column in KEY) for row in gold]
    assert len(gold_keys) == len(set(gold_keys)), "gold still has duplicates"
    assert {key: row["timestamp"] for key, row in zip(gold_keys, gold)} == first
    printed = cell_text(cell_starting_with(notebook, "Dataset<Row> dedup"))
    assert f"valid messages: {len(valid)}, without duplicates: {len(gold)}" in printed


def test_report1_counts_gold_per_date_and_channel_with_a_column_per_event_type(lake):
    _, tables = lake
    report = tables["report1"]
    assert columns(report) == ["date", "channel"] + EVENT_TYPES + ["total"]
    expected = collections.Counter((row["date"], row["channel"], row["event_type"]) for row in tables["gold"])
    cells = {}
    for row in report:
        assert row["total"] == sum(row[event_type] for event_type in EVENT_TYPES)
        for event_type in EVENT_TYPES:
            cells[(row["date"], row["channel"], event_type)] = row[event_type]
    assert {cell: count for cell, count in cells.items() if count} == dict(expected)
    assert sum(row["total"] for row in report) == len(tables["gold"])


def test_report2_counts_interactions_per_user_and_channel_most_active_first(lake):
    _, tables = lake
    report = tables["report2"]
    assert columns(report) == ["user_id", "interactions"] + CHANNELS
    expected = collections.Counter((row["user_id"], row["channel"]) for row in tables["gold"])
    for row in report:
        assert row["interactions"] == sum(row[channel] for channel in CHANNELS)
        for channel in CHANNELS:
            assert row[channel] == expected[(row["user_id"], channel)]
    assert {row["user_id"] for row in report} == {user for user, _ in expected}
    interactions = [row["interactions"] for row in report]
    assert interactions == sorted(interactions, reverse=True)
