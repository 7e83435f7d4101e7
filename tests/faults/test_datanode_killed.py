"""Fault 3: the HDFS DataNode is SIGKILLed while spark.ipynb's parquet query writes the forecast
dataset, and restarted with `./streamlab cluster start`. spark.ipynb's own cells run in a real Java
kernel (the stats query left out), kafka.ipynb's producer in another, as a user runs them. The
query's cell must show the failure under it (its live panel says "failed" with the reason); the
query cell run again resumes from its checkpoint. Checked from outside once it has read the whole
topic: the parquet files the sink committed (its _spark_metadata log, read with the plain Hadoop
and Parquet clients) hold every forecast row the topic (kafka-python) gives, once, with the right
values."""
import datetime
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

import nbformat
import pytest
from kafka import KafkaConsumer, TopicPartition

from streamlab_support.kafka_notebook import KafkaNotebookKernel
from streamlab_support import kafka_bootstrap, hdfs_url, REPO, child_environment, lib_classpath, wait_until, without_solution_markers
from streamlab_check.weather_topic import float32, forecast_row, json_weather, read_partitions

from streamlab_support.kernel_session import KernelSession

KAFKA = kafka_bootstrap()
HDFS = hdfs_url()
WEBHDFS = f"http://localhost:{os.environ.get('STREAMLAB_HDFS_HTTP_PORT', '9870')}/webhdfs/v1"
PARQUET = "/streamlab/faults/forecast.parquet"
CHECKPOINT = "/streamlab/faults/checkpoints/forecast"
SETTINGS = dict(STREAMLAB_PARQUET_TRIGGER="5s", STREAMLAB_PARQUET_DIR=HDFS + PARQUET,
                STREAMLAB_CHECKPOINT_DIR=HDFS + CHECKPOINT)
PARQUET_QUERY = "StreamingQuery parquetQuery = forecastRows"
FEATURE_COLUMNS = ["month", "sub1degrees", "sub1raining", "sub2degrees", "sub2raining"]


def spark_cells_up_to_the_parquet_query():
    """spark.ipynb's code cells in order up to the one that starts the parquet query, without the
    stats query (it runs for half a minute and writes nothing to HDFS)."""
    cells = [cell.source for cell in nbformat.read(REPO / "notebooks" / "spark.ipynb", as_version=4).cells
             if cell.cell_type == "code"]
    starts = [i for i, source in enumerate(cells) if without_solution_markers(source).startswith(PARQUET_QUERY)]
    assert len(starts) == 1, f"spark.ipynb: expected one cell starting with {PARQUET_QUERY!r}"
    return [source for source in cells[:starts[0]] if not without_solution_markers(source).startswith("StreamingQuery statsQuery")], cells[starts[0]]


def webhdfs(path, operation):
    """A WebHDFS answer (JSON for LISTSTATUS, text for OPEN); None when the path does not exist."""
    try:
        with urllib.request.urlopen(f"{WEBHDFS}{path}?op={operation}", timeout=30) as response:
            body = response.read()
            return json.loads(body) if operation == "LISTSTATUS" else body.decode()
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return None
        raise


def batches(directory):
    """The batch numbers logged in a checkpoint's or sink's log directory (files named N or N.compact)."""
    listing = webhdfs(directory, "LISTSTATUS")
    names = [status["pathSuffix"] for status in listing["FileStatuses"]["FileStatus"]] if listing else []
    return sorted(int(name.split(".")[0]) for name in names if name.split(".")[0].isdigit())


def committed_offsets():
    """{partition: offset} the query has committed up to: the offsets of its last committed batch."""
    done = batches(CHECKPOINT + "/commits")
    if not done:
        return {}
    lines = webhdfs(f"{CHECKPOINT}/offsets/{done[-1]}", "OPEN").splitlines()
    return {int(partition): offset for partition, offset in json.loads(lines[2])["stations-json"].items()}


def end_offsets():
    consumer = KafkaConsumer(bootstrap_servers=[KAFKA])
    try:
        partitions = [TopicPartition("stations-json", p) for p in range(6)]
        return {tp.partition: offset for tp, offset in consumer.end_offsets(partitions).items()}
    finally:
        consumer.close()


def panel_updates(session, display_id):
    """The text of every update of a live panel the kernel has sent so far."""
    while True:  # read what has arrived, without waiting
        try:
            session.seen.append((time.monotonic(), session.kc.get_iopub_msg(timeout=0.05)))
        except Exception:
            break
    return [msg["content"]["data"].get("text/plain", "") for _, msg in session.seen
            if msg["msg_type"] in ("display_data", "update_display_data")
            and msg["content"].get("transient", {}).get("display_id") == display_id]


def start_parquet_query(session, source):
    """Runs the parquet query cell; returns its panel's display id."""
    result = session.execute(source, timeout=180)
    assert result.status == "ok", result.error
    panels = [msg["content"]["transient"]["display_id"] for msg in result.of_type("display_data")
              if "StreamingQuery" in msg["content"]["data"].get("text/plain", "")]
    if not panels:  # the panel may come just after the cell's idle
        panels = [wait_for_message(session, lambda msg: msg["msg_type"] == "display_data"
                                   and "StreamingQuery" in msg["content"]["data"].get("text/plain", ""), 60)
                  ["content"]["transient"]["display_id"]]
    return panels[-1]


def wait_for_message(session, predicate, timeout):
    deadline = time.monotonic() + timeout
    for _, msg in list(session.seen):
        if predicate(msg):
            return msg
    while time.monotonic() < deadline:
        try:
            msg = session._next_iopub(deadline)
        except Exception:
            continue
        if predicate(msg):
            return msg
    raise AssertionError(f"no such message within {timeout} s")


def committed_parquet_rows():
    result = subprocess.run(["java", "-Xmx256m", "-cp", lib_classpath(), str(REPO / "python" / "streamlab_check" / "ParquetFooter.java"),
                             HDFS + PARQUET, "--committed"], capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.splitlines()
    rows = [json.loads(line[len("row "):]) for line in lines if line.startswith("row ")]
    uncommitted = [line.split()[1] for line in lines if line.startswith("uncommitted ")]
    return rows, uncommitted


def test_a_killed_datanode_fails_the_query_visibly_and_its_restart_writes_every_row_once(cluster, tmp_path):
    cells, parquet_cell = spark_cells_up_to_the_parquet_query()
    # kafka.ipynb's Part 1 left running, as a user leaves it while working in spark.ipynb
    producer = KafkaNotebookKernel(tmp_path, STREAMLAB_PRODUCER_PAUSE_MS=200)
    session = None
    try:
        producer.run("SETUP", "PRODUCER")
        session = KernelSession(startup_timeout=120, env=child_environment(**SETTINGS))
        for source in cells:
            result = session.execute(source, timeout=240)
            assert result.status == "ok", f"{source[:60]}: {result.error}"
        panel = start_parquet_query(session, parquet_cell)
        wait_until(lambda: batches(PARQUET + "/_spark_metadata"), 240, "the parquet query to commit its first batch")

        with cluster.killed("datanode"):
            failure = wait_until(lambda: next((text for text in panel_updates(session, panel) if " — failed" in text), None),
                                 240, "the parquet query's panel to show the failure")
            print(failure)
        assert "error: " in failure, failure

        # The user runs the query cell again: it resumes from the checkpoint.
        panel = start_parquet_query(session, parquet_cell)
        # (the failed batch may have been the first: then nothing is committed yet)
        before = (batches(CHECKPOINT + "/commits") or [-1])[-1]
        wait_until(lambda: (batches(CHECKPOINT + "/commits") or [-1])[-1] > before, 240, "the restarted query to commit a batch")
        producer.close()  # the topic ends here
        ends = end_offsets()
        wait_until(lambda: committed_offsets() == ends, 240, f"the query to commit up to the topic's end {ends}")
        session.ok("parquetQuery.stop();\nspark.stop();", timeout=120)
        assert not [text for text in panel_updates(session, panel) if " — failed" in text]
    finally:
        producer.close()
        if session:
            session.close()

    weather, malformed = json_weather(read_partitions("stations-json", lambda value: value, KAFKA))
    assert malformed == []
    expected = {(station, date) for station, days in weather.items() for date in days
                if forecast_row(weather, station, date) is not None}
    rows, uncommitted = committed_parquet_rows()
    print(f"{len(rows)} committed rows; files a failed batch left beside them: {uncommitted}")
    keys = [(row["station"], datetime.date(1970, 1, 1) + datetime.timedelta(days=row["date"])) for row in rows]
    assert len(keys) == len(set(keys)), "a (station, date) is in the committed parquet twice"
    assert set(keys) == expected, f"missing {sorted(expected - set(keys))[:10]}, extra {sorted(set(keys) - expected)[:10]}"
    for row, (station, date) in zip(rows, keys):
        assert row["raining"] == weather[station][date][1], row
        assert {column: float32(row[column]) if "degrees" in column else row[column] for column in FEATURE_COLUMNS} \
            == forecast_row(weather, station, date), row
