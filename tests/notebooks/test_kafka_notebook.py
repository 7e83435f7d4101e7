"""notebooks/kafka.ipynb under nbconvert against the local cluster, checked from outside: the
partition files' format, and exactly-once against the topic as an independent client reads it."""
import datetime
import json
import math

import pytest

from notebook_runner import cell_starting_with, cell_text, error_outputs, execute_notebook
from weather_topic import read_partitions, report_module

# Kafka's default partitioner puts the 15 stations' keys here (verified in lib's tests too).
STATIONS_BY_PARTITION = {0: {"N"}, 1: {"E", "O"}, 2: {"F", "I", "J"}, 3: {"D", "G", "M"},
                         4: {"A", "B", "C", "K", "L"}, 5: {"H"}}
SUMMARY_KEYS = {"sum", "count", "avg", "start", "end"}


@pytest.fixture(scope="module")
def run(deployment, tmp_path_factory):
    workdir = tmp_path_factory.mktemp(f"kafka-notebook-{deployment.name}")
    notebook = execute_notebook("kafka.ipynb", workdir, **deployment.env,
                                STREAMLAB_CONSUMER_ITERATIONS=6, STREAMLAB_POLL_MS=500)
    snapshots = {partition: json.loads((workdir / f"partition-{partition}.json").read_text())
                 for partition in range(6)}
    report_pb2 = report_module(workdir)

    def decode(value):
        report = report_pb2.Report()
        report.ParseFromString(value)
        return report

    topic = read_partitions("stations", decode, deployment.env.get("STREAMLAB_KAFKA", "localhost:9092"))
    return notebook, snapshots, topic


def test_the_notebook_runs_without_errors(run):
    notebook, _, _ = run
    assert error_outputs(notebook) == []


def test_the_producer_cell_shows_its_settings_and_was_acknowledged(run):
    notebook, _, _ = run
    settings = cell_text(cell_starting_with(notebook, "Properties producerSettings"))
    assert "acks=all" in settings and "retries=10" in settings
    tally = cell_text(cell_starting_with(notebook, "tally.awaitAcknowledged"))
    assert "failed 0" in tally


def test_the_snapshots_are_printed_like_cat(run):
    notebook, snapshots, _ = run
    printed = cell_text(cell_starting_with(notebook, "System.out.println(store.show())"))
    for partition in range(6):
        assert f'"partition": {partition}' in printed


@pytest.mark.parametrize("partition", range(6))
def test_a_partition_file_has_the_seeds_format(run, partition):
    _, snapshots, _ = run
    snapshot = snapshots[partition]
    assert snapshot["partition"] == partition
    assert isinstance(snapshot["offset"], int) and snapshot["offset"] > 0
    stations = {key for key in snapshot if key not in ("partition", "offset")}
    assert stations == STATIONS_BY_PARTITION[partition]
    for station in stations:
        summary = snapshot[station]
        assert set(summary) == SUMMARY_KEYS
        datetime.date.fromisoformat(summary["start"])
        datetime.date.fromisoformat(summary["end"])
        assert math.isclose(summary["avg"], summary["sum"] / summary["count"], rel_tol=1e-9)


@pytest.mark.parametrize("partition", range(6))
def test_every_report_up_to_the_saved_offset_is_counted_exactly_once(run, partition):
    _, snapshots, topic = run
    snapshot = snapshots[partition]
    read = [report for offset, report in topic[partition] if offset < snapshot["offset"]]
    assert len(read) == snapshot["offset"], "the saved offset is past the records the topic holds"
    for station in STATIONS_BY_PARTITION[partition]:
        summary = snapshot[station]
        start = datetime.date.fromisoformat(summary["start"])
        end = datetime.date.fromisoformat(summary["end"])
        assert start == datetime.date(2000, 1, 1)
        assert summary["count"] == (end - start).days + 1

        first_report_of_each_day = {}
        for report in read:
            if report.station == station:
                first_report_of_each_day.setdefault(report.date, report.degrees)
        expected_days = {(start + datetime.timedelta(days=day)).isoformat() for day in range(summary["count"])}
        assert set(first_report_of_each_day) == expected_days
        assert math.isclose(summary["sum"], sum(first_report_of_each_day.values()), rel_tol=1e-9)
