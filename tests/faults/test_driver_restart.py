"""Fault 4 — the Spark driver restarted: spark.ipynb's own cells run in a real Java kernel through
jupyter_client while kafka.ipynb's producer runs in a kernel of its own; once the forecast query has
committed parquet files, the Spark kernel is restarted through the client (Jupyter's restart with
now=True: the JVM is killed, the driver with it, mid-batch or not) and the cells are run again as a
user would — without the cell that clears the previous run's output.

Checked from outside, after the producer stopped and the resumed query committed the topic's end:
- the forecast query resumed from its checkpoint: its commit log on HDFS continues the batch ids it had
  before the restart (no batch run twice, none skipped, not started over from 0);
- the parquet output is exactly once: the files the file sink's log (`_spark_metadata`, read over
  WebHDFS) names hold, read with the plain Parquet reader (python/streamlab_check/ParquetFooter.java), exactly
  one row per (station, date) of the topic (read with kafka-python) that has both previous days — none
  missing, none twice, each with the topic's values; a file the killed driver wrote without committing it
  is not named by the log, so readers of the sink ignore it;
- the stats query starts clean: it has no checkpoint, so after the restart its last printed batch counts
  each station's days once from 2000-01-01, equal to the topic.
"""
import datetime
import json
import os
import re
import subprocess
import urllib.error
import urllib.parse
import urllib.request

import nbformat
import pytest

from streamlab_support.kafka_notebook import KafkaNotebookKernel
from streamlab_support import kafka_bootstrap, hdfs_url, REPO, lib_classpath, wait_until, without_solution_markers
from streamlab_check.weather_topic import read_partitions

from streamlab_support.kernel_session import KernelSession

WEB = f"http://localhost:{os.environ.get('STREAMLAB_HDFS_HTTP_PORT', '9870')}"
HDFS = hdfs_url()
KAFKA = kafka_bootstrap()
BASE = f"/streamlab/test/driver-restart-{os.getpid()}"
PARQUET = f"{BASE}/forecast.parquet"
CHECKPOINT = f"{BASE}/checkpoints/forecast"
STATIONS = set("ABCDEFGHIJKLMNO")

# spark.ipynb's cells by how they start. The stats cell runs only up to `.start();` before the restart
# (its query is left running when the driver goes); after it, the whole cell runs and prints batches.
BEFORE = ("import io.streamlab.", "SparkNotebookSettings settings", "TopicCheck.requireData", "SparkSession spark =",
          "StreamOutputs.clear", "Dataset<Row> kafkaRows =", "String schema =", "Dataset<Row> stats =",
          ("StreamingQuery statsQuery =", "start"), "Dataset<Row> today =", "String[] stationAndDate =",
          "Dataset<Row> forecastRows =", "StreamingQuery parquetQuery =")
AFTER = tuple(cell if isinstance(cell, str) else cell[0] for cell in BEFORE if cell != "StreamOutputs.clear")
STATS_ROW = re.compile(r"^\|\s*([A-Z])\|(\d{4}-\d\d-\d\d)\|(\d{4}-\d\d-\d\d)\|\s*(\d+)\|", re.MULTILINE)


def notebook_cell(prefix):
    cells = [cell.source for cell in nbformat.read(REPO / "notebooks" / "spark.ipynb", as_version=4).cells
             if cell.cell_type == "code" and without_solution_markers(cell.source).startswith(prefix)]
    assert len(cells) == 1, f"spark.ipynb: expected one code cell starting with {prefix!r}, found {len(cells)}"
    return cells[0]


def cells(names):
    for name in names:
        if isinstance(name, tuple):
            source = notebook_cell(name[0])
            yield source[:source.index(".start();") + len(".start();")]
        else:
            yield notebook_cell(name)


def run_cells(session, names, timeout=300):
    output = []
    for source in cells(names):
        result = session.execute(source, timeout=timeout)
        assert result.status == "ok", f"spark.ipynb's cell failed:\n{source}\n{result.error}\n{result.stream('stderr')[-3000:]}"
        output.append(result.stream())
    return "".join(output)


def webhdfs(path, operation):
    with urllib.request.urlopen(f"{WEB}/webhdfs/v1{urllib.parse.quote(path)}?op={operation}", timeout=30) as response:
        return response.read()


def listing(path):
    """File names in an HDFS directory; empty when it does not exist yet."""
    try:
        return [status["pathSuffix"] for status in json.loads(webhdfs(path, "LISTSTATUS"))["FileStatuses"]["FileStatus"]]
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return []
        raise


def batch_ids(directory):
    """The batch ids of a checkpoint log (offsets/, commits/, _spark_metadata/): files named N or N.compact."""
    return sorted(int(name.split(".")[0]) for name in listing(directory) if re.fullmatch(r"\d+(\.compact)?", name))


def sink_log_files():
    """The parquet files the file sink's log names as committed (compact files repeat earlier entries)."""
    names = set()
    for name in listing(f"{PARQUET}/_spark_metadata"):
        for line in webhdfs(f"{PARQUET}/_spark_metadata/{name}", "OPEN").decode().splitlines()[1:]:
            entry = json.loads(line)
            if entry["action"] == "add":
                names.add(entry["path"].rsplit("/", 1)[1])
    return names


def parquet_files_rows():
    """{file name: [row, …]} of every parquet file in the directory, read with the plain Parquet reader."""
    result = subprocess.run(["java", "-Xmx256m", "-cp", lib_classpath(), str(REPO / "python" / "streamlab_check" / "ParquetFooter.java"),
                             HDFS + PARQUET], capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr[-3000:]
    files, current = {}, None
    for line in result.stdout.splitlines():
        if line.startswith("rows-of "):
            current = files.setdefault(line[len("rows-of "):], [])
        elif line.startswith("row "):
            current.append(json.loads(line[len("row "):]))
    return files


def committed_end_offsets():
    """The per-partition offsets of the last committed batch's sources (the forecast query reads the
    topic three times), or None before the first commit."""
    commits = batch_ids(f"{CHECKPOINT}/commits")
    if not commits:
        return None
    lines = webhdfs(f"{CHECKPOINT}/offsets/{commits[-1]}", "OPEN").decode().splitlines()
    return [json.loads(line)["stations-json"] for line in lines[2:]]


def topic_reports():
    """{station: {date: (degrees, raining)}} of stations-json, and the end offset of each partition."""
    records = read_partitions("stations-json", lambda value: value, KAFKA)
    weather = {}
    for messages in records.values():
        for _, value in messages:
            report = json.loads(value)
            weather.setdefault(report["station"], {})[datetime.date.fromisoformat(report["date"])] = \
                (float(report["degrees"]), int(report["raining"]))
    return weather, {str(partition): messages[-1][0] + 1 if messages else 0 for partition, messages in records.items()}


def float32(value):
    import struct
    return struct.unpack("f", struct.pack("f", value))[0]


def expected_rows(weather):
    """The forecast dataset the topic determines: one row per station and date with both previous days."""
    rows = {}
    for station, days in weather.items():
        for date, (_, raining) in days.items():
            one, two = days.get(date - datetime.timedelta(days=1)), days.get(date - datetime.timedelta(days=2))
            if one and two:
                rows[(station, date)] = {"raining": raining, "month": date.month,
                                         "sub1degrees": float32(one[0]), "sub1raining": one[1],
                                         "sub2degrees": float32(two[0]), "sub2raining": two[1]}
    return rows


@pytest.fixture(scope="module")
def restarted(tmp_path_factory):
    """Runs the fault; yields what the checks need. Always closes both kernels and deletes its HDFS files."""
    workdir = tmp_path_factory.mktemp("driver-restart")
    producer = spark = None
    settings = dict(STREAMLAB_PARQUET_DIR=HDFS + PARQUET, STREAMLAB_CHECKPOINT_DIR=HDFS + CHECKPOINT,
                    STREAMLAB_PARQUET_TRIGGER="5s", STREAMLAB_STATS_TRIGGER="2s", STREAMLAB_STATS_DURATION="4s",
                    STREAMLAB_FIRST_BATCH_WAIT="3m")
    try:
        (workdir / "producer").mkdir()
        producer = KafkaNotebookKernel(workdir / "producer", STREAMLAB_PRODUCER_PAUSE_MS=100)
        producer.run("SETUP", "PRODUCER")
        spark = KernelSession(startup_timeout=120, env=settings, cwd=str(workdir))
        run_cells(spark, BEFORE)
        # Two committed batches, seen from outside in the sink's log on HDFS (minutes on a busy machine).
        wait_until(lambda: len(batch_ids(f"{PARQUET}/_spark_metadata")) >= 2, 600, "two committed parquet batches")
        commits_before = batch_ids(f"{CHECKPOINT}/commits")

        spark.km.restart_kernel(now=True)
        spark.kc.wait_for_ready(timeout=120)
        stats_output = run_cells(spark, AFTER)

        producer.close()   # the producer thread ends with its kernel: the topic stops growing
        producer = None
        weather, end_offsets = topic_reports()
        wait_until(lambda: committed_end_offsets() == [end_offsets] * 3, 600,
                   f"the resumed forecast query to commit the topic's end {end_offsets}")
        spark.execute("parquetQuery.stop();\nstatsQuery.stop();\nspark.stop();", timeout=120)
        yield dict(weather=weather, commits_before=commits_before, commits=batch_ids(f"{CHECKPOINT}/commits"),
                   sink_log=batch_ids(f"{PARQUET}/_spark_metadata"), committed=sink_log_files(),
                   files=parquet_files_rows(), stats=stats_output)
    finally:
        for kernel in (spark, producer):
            if kernel is not None:
                kernel.close()
        subprocess.run([str(REPO / "streamlab"), "hdfs", "dfs", "-rm", "-r", "-f", "-skipTrash", BASE],
                       capture_output=True, text=True, timeout=120)


def test_the_forecast_query_resumed_from_its_checkpoint(restarted):
    before, commits = restarted["commits_before"], restarted["commits"]
    assert before, "no batch was committed before the restart"
    assert commits == list(range(len(commits))), f"the commit log skips or repeats a batch: {commits}"
    # At least one batch after the restart; one can be all it needs when the producer stops right after
    # (the batch left uncommitted by the restart, if any, is redone under its own id).
    assert len(commits) > len(before), f"the resumed query committed nothing new: {before} then {commits}"
    assert restarted["sink_log"] == commits, "the file sink's log and the checkpoint's commits disagree"


def test_the_committed_parquet_rows_are_the_topic_exactly_once(restarted):
    committed, files = restarted["committed"], restarted["files"]
    assert committed <= set(files), f"the sink log names files that are not there: {committed - set(files)}"
    rows = [row for name in committed for row in files[name]]
    seen = {}
    for row in rows:
        key = (row["station"], datetime.date(1970, 1, 1) + datetime.timedelta(days=row["date"]))
        assert key not in seen, f"{key} was written twice"
        seen[key] = {column: value for column, value in row.items() if column not in ("station", "date")}
        seen[key] = {column: float32(value) if "degrees" in column else value for column, value in seen[key].items()}
    expected = expected_rows(restarted["weather"])
    assert set(seen) - set(expected) == set(), "rows without both previous days in the topic"
    assert set(expected) - set(seen) == set(), f"{len(set(expected) - set(seen))} rows of the topic are missing"
    assert seen == expected


def test_the_stats_query_starts_clean_after_the_restart(restarted):
    weather = restarted["weather"]
    last_batch = restarted["stats"].rsplit("Batch:", 1)[1]
    rows = {match.group(1): match for match in STATS_ROW.finditer(last_batch)}
    assert set(rows) == STATIONS, last_batch
    for station, row in rows.items():
        start, end = (datetime.date.fromisoformat(text) for text in row.group(2, 3))
        measurements = int(row.group(4))
        assert start == datetime.date(2000, 1, 1), row.group(0)
        assert measurements == (end - start).days + 1 == sum(1 for date in weather[station] if date <= end), row.group(0)
