"""notebooks/kafka.ipynb under nbconvert against the local cluster, checked from outside: the
partition files' format, exactly-once against the topic as an independent client reads it, both
topics' message formats, and the markdown's quote of proto/report.proto."""
import json
import re

import pytest

from streamlab_support.notebook_runner import cell_starting_with, cell_text, error_outputs, execute_notebook
from streamlab_support import REPO, kafka_bootstrap
from streamlab_support.weather_topic import read_partitions, report_module, summary_mismatches

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
    bootstrap = deployment.env.get("STREAMLAB_KAFKA", kafka_bootstrap())
    keyed = lambda decode: lambda key, value: (key, decode(value))
    protobuf = read_partitions("stations", keyed(report_pb2.Report.FromString), bootstrap, with_keys=True)
    texts = read_partitions("stations-json", keyed(lambda value: value.decode("utf-8")), bootstrap, with_keys=True)
    topic = {partition: [(offset, report) for offset, (_, report) in records] for partition, records in protobuf.items()}
    return notebook, snapshots, topic, protobuf, texts


def test_the_notebook_runs_without_errors(run):
    notebook = run[0]
    assert error_outputs(notebook) == []


def test_the_producer_cell_shows_its_settings_and_was_acknowledged(run):
    notebook = run[0]
    settings = cell_text(cell_starting_with(notebook, "Properties producerSettings"))
    assert "acks=all" in settings and "retries=10" in settings
    tally = cell_text(cell_starting_with(notebook, "tally.awaitAcknowledged"))
    assert "failed 0" in tally


def test_the_snapshots_are_printed_like_cat(run):
    notebook, snapshots = run[0], run[1]
    printed = cell_text(cell_starting_with(notebook, "for (int partition = 0; partition < 6; partition++) {\n    System.out.println"))
    assert [int(n) for n in re.findall(r'"partition" ?: ?(\d+)', printed)] == list(range(6))
    for partition, snapshot in snapshots.items():
        assert f'"offset" : {snapshot["offset"]}' in printed


@pytest.mark.parametrize("partition", range(6))
def test_a_partition_file_has_the_seeds_format(run, partition):
    snapshot = run[1][partition]
    assert snapshot["partition"] == partition
    assert isinstance(snapshot["offset"], int) and snapshot["offset"] > 0
    stations = {key for key in snapshot if key not in ("partition", "offset")}
    assert stations == STATIONS_BY_PARTITION[partition]
    for station in stations:
        assert set(snapshot[station]) == SUMMARY_KEYS


@pytest.mark.parametrize("partition", range(6))
def test_every_report_up_to_the_saved_offset_is_counted_exactly_once(run, partition):
    _, snapshots, topic, _, _ = run
    assert summary_mismatches(snapshots[partition], topic[partition]) == []


def test_both_topics_carry_the_same_reports_keyed_by_station_in_the_seeds_formats(run):
    """stations: protobuf Report; stations-json: {"date", "station", "degrees", "raining": 1|0} — the
    format spark.ipynb reads; both keyed by the station's name, so a station's reports share a partition."""
    _, _, _, protobuf, texts = run
    for partition in range(6):
        assert protobuf[partition] and texts[partition]
        for _, (key, report) in protobuf[partition]:
            assert key == report.station.encode() and report.station in STATIONS_BY_PARTITION[partition]
        reports = {(report.date, report.station): report for _, (_, report) in protobuf[partition]}
        for _, (key, text) in texts[partition]:
            fields = json.loads(text)
            assert list(fields) == ["date", "station", "degrees", "raining"], text
            assert key == fields["station"].encode() and fields["raining"] in (0, 1)
            same = reports.get((fields["date"], fields["station"]))
            if same is not None:  # the topics are read at slightly different moments
                assert same.degrees == fields["degrees"] and same.raining == bool(fields["raining"])


def test_the_markdown_quotes_proto_report_proto_as_it_is():
    notebook = json.loads((REPO / "notebooks" / "kafka.ipynb").read_text())
    markdown = "\n".join("".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "markdown")
    quoted = re.search(r"```protobuf\n(.*?)```", markdown, re.S).group(1)
    assert quoted == (REPO / "proto" / "report.proto").read_text()
