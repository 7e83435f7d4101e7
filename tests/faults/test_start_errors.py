"""Fault 5: what a user meets when something is missing or broken at start — Kafka unreachable, HDFS
unreachable, a port taken at cluster start, a full disk, a refused write or a corrupt file in the
snapshot directory. Each must give a clear error within seconds that names what and where (a
sentence first, never a bare stack trace), and nothing already stored may be overwritten. The
notebooks' own cells run in a real Java kernel; the cluster commands run as a user runs them."""
import json
import os
import re
import socket
import subprocess
import time

import nbformat
import pytest

from streamlab_support.kafka_notebook import GROUPS, KafkaNotebookKernel
from streamlab_support.notebook_runner import cell_starting_with
from streamlab_support import kafka_bootstrap, REPO, child_environment
from streamlab_check.weather_topic import read_partitions, report_module, summary_mismatches

KAFKA = kafka_bootstrap()
SPARK_CELLS = nbformat.read(REPO / "notebooks" / "spark.ipynb", as_version=4)
# How long "within seconds" may be on a loaded 2-core machine; the figures measured are in README.md.
PROMPTLY_S = 30


def spark_cell(prefix):
    return cell_starting_with(SPARK_CELLS, prefix).source


def unused_port():
    """A loopback port nothing listens on (bound and released: the kernel does not hand it out again soon)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def timed(session, code, timeout=120):
    began = time.monotonic()
    result = session.execute(code, timeout=timeout)
    return result, time.monotonic() - began


def assert_clear_error(result, seconds, *fragments):
    """The cell failed promptly with an error whose first line is the exception's sentence, naming every fragment."""
    assert result.status == "error", f"the cell did not fail: {result.stream()}"
    error = result.error
    headline = error["traceback"][0]
    exception, _, sentence = headline.partition(": ")
    assert exception.endswith(error["ename"]) and sentence.startswith(error["evalue"].splitlines()[0]), \
        f"the traceback does not start with the exception's sentence: {error['traceback'][:3]}"
    for fragment in fragments:
        assert fragment in error["evalue"], f"{fragment!r} is not named in: {error['evalue']}"
    assert seconds < PROMPTLY_S, f"the error took {seconds:.0f} s: {error['evalue']}"
    print(f"{seconds:.1f} s: {headline}")


@pytest.fixture(scope="module")
def nowhere(tmp_path_factory):
    """A kernel whose Kafka and HDFS endpoints name loopback ports nothing listens on."""
    kafka, hdfs = f"localhost:{unused_port()}", f"hdfs://localhost:{unused_port()}"
    workdir = tmp_path_factory.mktemp("nowhere")
    kernel = KafkaNotebookKernel(workdir, STREAMLAB_KAFKA=kafka, STREAMLAB_HDFS=hdfs,
                                 STREAMLAB_CONSUMER_ITERATIONS=2, STREAMLAB_POLL_MS=500)
    try:
        kernel.run("SETUP")
        yield kernel.session, kafka, hdfs, workdir
    finally:
        kernel.close()


def test_kafka_unreachable_when_kafka_notebook_makes_its_topics(nowhere):
    session, kafka, _, _ = nowhere
    result, seconds = timed(session, "WeatherTopics topics = WeatherTopics.current();\ntopics.recreate();")
    assert_clear_error(result, seconds, f"Kafka is not reachable at {kafka}", "./streamlab up", "STREAMLAB_KAFKA")


def test_kafka_unreachable_when_spark_notebook_checks_its_topic(nowhere):
    session, kafka, _, _ = nowhere
    session.ok(spark_cell("import io.streamlab.config.Endpoints;"))
    result, seconds = timed(session, spark_cell("TopicCheck.requireData("))
    assert_clear_error(result, seconds, f"Kafka is not reachable at {kafka}", "./streamlab up")


def test_kafka_unreachable_while_the_consumers_poll_ends_their_rounds_with_warnings_that_name_it(nowhere):
    """Part 2 run without a broker: no hang — each poll comes back empty after its timeout, Kafka's
    client warns that it cannot connect to the address, and no file is written."""
    session, kafka, _, workdir = nowhere
    for source in GROUPS["CONSUMER_DEFINITIONS"]:
        session.ok(source)
    result, seconds = timed(session, GROUPS["ROUNDS"])
    assert result.status == "ok", result.error
    output = result.stream() + result.stream("stderr")
    assert output.count("exiting") == 6, output
    port = kafka.split(":")[1]
    assert re.search(rf"Connection to node -1 \(localhost/127\.0\.0\.1:{port}\) could not be established\. Broker may not be available", output), output
    assert seconds < 2 * PROMPTLY_S, f"two rounds of two 500 ms polls took {seconds:.0f} s"
    assert not list(workdir.glob("partition-*.json")), "files written without a broker"


def test_hdfs_unreachable_when_spark_notebook_clears_its_outputs(nowhere):
    session, _, hdfs, _ = nowhere
    session.ok(spark_cell("import io.streamlab.config.Endpoints;"))
    session.ok(spark_cell("SparkNotebookSettings settings = SparkNotebookSettings.current();"))
    session.ok(spark_cell("SparkSession spark = SparkSession.builder()"), timeout=180)
    result, seconds = timed(session, spark_cell("StreamOutputs.clear("))
    assert_clear_error(result, seconds, f"HDFS is not reachable at {hdfs}", "./streamlab up")


def test_hdfs_unreachable_for_the_hdfs_shell():
    port = unused_port()
    began = time.monotonic()
    result = subprocess.run(["./streamlab", "hdfs", "dfs", "-ls", "/"], cwd=REPO, capture_output=True, text=True, timeout=120,
                            env=child_environment(STREAMLAB_HDFS_PORT=port))
    seconds = time.monotonic() - began
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    first = next(line for line in output.splitlines() if line.strip())
    assert not first.startswith(("\tat ", "Exception in thread")), output
    assert f"HDFS is not reachable at hdfs://localhost:{port} — start the cluster with ./streamlab cluster start" in output, output
    assert seconds < PROMPTLY_S, f"{seconds:.0f} s: {output}"
    print(f"{seconds:.1f} s: {first}")


def test_a_port_taken_at_cluster_start_is_named_with_the_variable_that_moves_it(cluster, tmp_path):
    """A second cluster (its own state directory, its own ports) whose Kafka port is taken: the start
    fails before launching anything, names the port, what it is for and the variable, and leaves
    the running cluster and any stored data alone."""
    ports = {name: unused_port() for name in [
        "STREAMLAB_KAFKA_PORT", "STREAMLAB_KAFKA_CONTROLLER_PORT", "STREAMLAB_HDFS_PORT", "STREAMLAB_HDFS_HTTP_PORT",
        "STREAMLAB_DATANODE_PORT", "STREAMLAB_DATANODE_HTTP_PORT", "STREAMLAB_DATANODE_IPC_PORT"]}
    state = tmp_path / "state"
    running = {service: cluster.pid(service) for service in ("kafka", "namenode", "datanode")}
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", ports["STREAMLAB_KAFKA_PORT"]))
        taken.listen()
        began = time.monotonic()
        result = subprocess.run(["./streamlab", "cluster", "start"], cwd=REPO, capture_output=True, text=True, timeout=120,
                                env=child_environment(STREAMLAB_STATE=state, **ports))
        seconds = time.monotonic() - began
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert f"Port {ports['STREAMLAB_KAFKA_PORT']} (" in output and "already in use on 127.0.0.1" in output, output
    assert "STREAMLAB_KAFKA_PORT" in output, output
    assert "\tat " not in output and "Exception" not in output, output
    assert seconds < PROMPTLY_S, output
    assert list((state / "data").iterdir()) == [], "a failed start formatted storage"
    assert {service: cluster.pid(service) for service in running} == running
    print(f"{seconds:.1f} s: {output.strip()}")


def test_a_port_taken_for_jupyter_is_named(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        began = time.monotonic()
        result = subprocess.run(["./streamlab", "jupyter"], cwd=REPO, capture_output=True, text=True, timeout=60,
                                env=child_environment(STREAMLAB_JUPYTER_PORT=port))
    seconds = time.monotonic() - began
    assert result.returncode != 0
    assert f"port {port} is already in use" in result.stderr and "STREAMLAB_JUPYTER_PORT" in result.stderr, result.stderr
    assert seconds < PROMPTLY_S


# ---- the snapshot directory of kafka.ipynb's consumers ----

@pytest.fixture(scope="module")
def weather(tmp_path_factory):
    """The `stations` topic with weather in it: as an earlier test left it, or a few days sent here with
    kafka-python the way kafka.ipynb's producer sends them (key = station, Kafka's default partitioner)."""
    from kafka import KafkaAdminClient, KafkaProducer
    from kafka.admin import NewTopic
    report_pb2 = report_module(tmp_path_factory.mktemp("report-proto"))
    admin = KafkaAdminClient(bootstrap_servers=[KAFKA])
    try:
        if "stations" not in admin.list_topics():
            admin.create_topics([NewTopic("stations", 6, 1)])
            producer = KafkaProducer(bootstrap_servers=[KAFKA], acks="all")
            for day in range(1, 4):
                for station in "ABCDEFGHIJKLMNO":
                    report = report_pb2.Report(date=f"2000-01-0{day}", station=station, degrees=40.0 + day, raining=False)
                    producer.send("stations", key=station.encode(), value=report.SerializeToString())
            producer.flush()
            producer.close()
    finally:
        admin.close()
    return report_pb2


def resend_last_reports():
    """One duplicate at the end of every partition, so the next round has something to save."""
    from kafka import KafkaProducer
    tails = read_partitions("stations", lambda key, value: (key, value), KAFKA, with_keys=True)
    producer = KafkaProducer(bootstrap_servers=[KAFKA], acks="all")
    try:
        for records in tails.values():
            key, value = records[-1][1]
            producer.send("stations", key=key, value=value).get(timeout=30)
    finally:
        producer.close()


@pytest.fixture(scope="module")
def consumer_kernel(weather, tmp_path_factory):
    """kafka.ipynb's Part 2 cells in a kernel that keeps its files in a directory of its own, after
    one good round of the consumers: (kernel, snapshot directory)."""
    workdir = tmp_path_factory.mktemp("snapshots")
    directory = workdir / "snapshots"
    kernel = KafkaNotebookKernel(workdir, STREAMLAB_SNAPSHOT_DIR=directory, STREAMLAB_CONSUMER_ITERATIONS=3,
                                 STREAMLAB_POLL_MS=300)
    try:
        kernel.run("SETUP", "CONSUMER_DEFINITIONS", "ROUNDS")
        yield kernel, directory
    finally:
        kernel.close()


@pytest.fixture
def consumers(consumer_kernel):
    """The consumer kernel with every partition file saved and a new record waiting in each partition:
    (kernel, snapshot directory, the files' bytes as saved)."""
    kernel, directory = consumer_kernel
    saved = {path.name: path.read_bytes() for path in directory.glob("partition-*.json")}
    assert len(saved) == 6
    resend_last_reports()
    return kernel, directory, saved


def run_rounds_expecting_stops(kernel, *fragments):
    result, seconds = timed(kernel.session, GROUPS["ROUNDS"])
    assert result.status == "ok", result.error
    stderr = result.stream("stderr")
    # A stop message is one println, which may span lines (a JSON parser's message does).
    stops = ["consumer [" + text for text in re.split(r"^consumer \[", stderr, flags=re.MULTILINE)[1:]]
    assert len(stops) >= 1, stderr
    for stop in stops:
        assert " stopped: " in stop and "run this cell again" in stop, stop
        for fragment in fragments:
            assert fragment in stop, stop
    assert seconds < PROMPTLY_S, f"{seconds:.0f} s"
    print(f"{seconds:.1f} s: {stops[0]}")
    return stops


def check_exact_after_recovery(kernel, directory, report_pb2):
    kernel.session.ok(GROUPS["ROUNDS"], timeout=120)
    topic = read_partitions("stations", report_pb2.Report.FromString, KAFKA)
    problems = [problem for partition in range(6)
                for problem in summary_mismatches(json.loads((directory / f"partition-{partition}.json").read_text()),
                                                  topic[partition])]
    assert problems == []
    assert all(json.loads((directory / f"partition-{p}.json").read_text())["offset"] == len(topic[p]) for p in range(6))


def test_a_full_disk_stops_the_consumers_with_the_file_named_and_keeps_the_saved_files(consumers, weather):
    kernel, directory, saved = consumers
    full = [directory / f"partition-{p}.json.tmp" for p in range(6)]
    for temporary in full:
        temporary.unlink(missing_ok=True)
        temporary.symlink_to("/dev/full")  # every write fails with ENOSPC, as on a full disk
    try:
        run_rounds_expecting_stops(kernel, "No space left on device", f"Cannot save {directory}/partition-")
        assert {path.name: path.read_bytes() for path in directory.glob("partition-*.json")} == saved
    finally:
        for temporary in full:
            temporary.unlink(missing_ok=True)
    check_exact_after_recovery(kernel, directory, weather)


def test_a_snapshot_directory_that_refuses_writes_stops_the_consumers_and_keeps_the_saved_files(consumers, weather):
    kernel, directory, saved = consumers
    # Root may write anywhere, except into an immutable directory; others are refused by the mode.
    refuse = ["chattr", "+i", str(directory)] if os.geteuid() == 0 else ["chmod", "a-w", str(directory)]
    allow = ["chattr", "-i", str(directory)] if os.geteuid() == 0 else ["chmod", "u+w", str(directory)]
    subprocess.run(refuse, check=True)
    try:
        run_rounds_expecting_stops(kernel, f"Cannot save {directory}/partition-")
        assert {path.name: path.read_bytes() for path in directory.glob("partition-*.json")} == saved
    finally:
        subprocess.run(allow, check=True)
    check_exact_after_recovery(kernel, directory, weather)


def test_a_corrupt_snapshot_is_named_and_left_untouched(consumers, weather):
    kernel, directory, saved = consumers
    corrupt = directory / "partition-5.json"
    corrupt.write_bytes(b'{"partition": 5, "offset": ')  # torn by something that is not AtomicFile
    stops = run_rounds_expecting_stops(kernel, f"{corrupt} is not a partition snapshot", "left untouched")
    assert all(line.startswith("consumer [4, 5] stopped") for line in stops), stops
    assert corrupt.read_bytes() == b'{"partition": 5, "offset": '
    corrupt.write_bytes(saved[corrupt.name])
    check_exact_after_recovery(kernel, directory, weather)
