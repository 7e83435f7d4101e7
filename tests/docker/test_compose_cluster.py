"""The course's way, for real: the image built from the Dockerfile, docker-compose.yml brought up,
both notebooks executed inside `app` with Spark on the standalone worker, results checked from
outside the containers, data kept across `down`/`up`, everything removed with `down -v`."""
import contextlib
import datetime
import json
import math
import re
import socket
import subprocess
import threading
import time
import urllib.request

import nbformat
import pytest

from compose_cluster import SERVICES
from kafka_notebook import GROUPS
from notebook_runner import cell_starting_with, cell_text, error_outputs
from streamlab_testing import REPO, lib_classpath, wait_until
from streamlab_check.weather_topic import read_partitions, report_module

PARQUET = "/streamlab/test/forecast.parquet"
STATIONS_BY_PARTITION = {0: {"N"}, 1: {"E", "O"}, 2: {"F", "I", "J"}, 3: {"D", "G", "M"},
                         4: {"A", "B", "C", "K", "L"}, 5: {"H"}}


def run_notebook(cluster, name, target, figures, **settings):
    """nbconvert inside `app` on a copy of notebooks/NAME in the container, then the run's files
    copied out to `target`: the executed notebook and whatever the notebook wrote."""
    script = (f"rm -rf /tmp/run-{name} && mkdir /tmp/run-{name} && cp notebooks/{name}.ipynb /tmp/run-{name}/"
              f" && cd /tmp/run-{name} && /usr/bin/jupyter nbconvert --to notebook --execute {name}.ipynb"
              f" --output executed-{name}.ipynb --ExecutePreprocessor.timeout=900 --ExecutePreprocessor.kernel_name=java")
    started = time.monotonic()
    result = cluster.exec("app", script, timeout=1100, **settings)
    figures[f"{name}.ipynb in compose s"] = round(time.monotonic() - started, 1)
    assert result.returncode == 0, f"nbconvert failed on {name} inside app:\n{result.stderr[-6000:]}"
    cluster.copy_out("app", f"/tmp/run-{name}/.", target)
    return nbformat.read(target / f"executed-{name}.ipynb", as_version=4)


@contextlib.contextmanager
def compose_names(cluster):
    """kafka-python on the host resolves the broker's advertised name `kafka` to the container's own
    address, as compose's DNS does inside the network."""
    import kafka.conn
    original = kafka.conn.dns_lookup
    addresses = {"kafka": cluster.address("kafka")}
    kafka.conn.dns_lookup = lambda host, port, afi=socket.AF_UNSPEC: original(addresses.get(host, host), port, afi)
    try:
        yield f"{addresses['kafka']}:9092"
    finally:
        kafka.conn.dns_lookup = original


def end_offsets(cluster, topic):
    from kafka import KafkaConsumer, TopicPartition
    with compose_names(cluster) as bootstrap:
        consumer = KafkaConsumer(bootstrap_servers=[bootstrap])
        try:
            partitions = [TopicPartition(topic, partition) for partition in sorted(consumer.partitions_for_topic(topic))]
            return {partition.partition: offset for partition, offset in consumer.end_offsets(partitions).items()}
        finally:
            consumer.close()


def parquet_files(cluster):
    statuses = cluster.webhdfs(PARQUET, "LISTSTATUS")["FileStatuses"]["FileStatus"]
    return {status["pathSuffix"]: status["length"] for status in statuses if status["pathSuffix"].endswith(".parquet")}


class MemoryPeaks(threading.Thread):
    """Samples `docker stats` while the notebooks run and keeps each container's peak."""

    def __init__(self, cluster):
        super().__init__(daemon=True)
        self.cluster, self.peaks, self.stopped = cluster, {}, threading.Event()

    def run(self):
        while not self.stopped.is_set():
            try:
                for name, mib in self.cluster.memory_mib().items():
                    self.peaks[name] = max(self.peaks.get(name, 0), round(mib))
            except (AssertionError, ValueError, subprocess.SubprocessError):
                pass
            self.stopped.wait(5)


@pytest.fixture(scope="module")
def memory(cluster, figures):
    sampler = MemoryPeaks(cluster)
    sampler.start()
    yield sampler
    sampler.stopped.set()
    sampler.join(timeout=30)
    figures["peak memory MiB"] = sampler.peaks


def test_every_service_is_healthy_and_none_restarted(cluster):
    for service in SERVICES:
        assert cluster.healthy(service), service
        assert cluster.restarts(service) == 0, f"{service} restarted:\n{cluster.logs(service)}"


def test_jupyter_is_published_on_loopback_and_asks_for_its_token(cluster):
    port = cluster.ports["STREAMLAB_JUPYTER_PORT"]
    assert cluster.compose("port", "app", "5000").stdout.strip() == f"127.0.0.1:{port}"
    assert cluster.jupyter_status("/api/contents") == 403
    # What the browser opens: the URL Jupyter printed, with its token.
    assert cluster.jupyter_status(f"/tree?token={cluster.jupyter_token()}") == 200
    assert cluster.jupyter_status(f"/api/contents?token={cluster.jupyter_token()}") == 200


def test_the_hdfs_shell_runs_inside_the_containers(cluster):
    for service in ["nn", "app"]:
        result = cluster.exec(service, "./streamlab hdfs dfs -mkdir -p /streamlab/test && ./streamlab hdfs dfs -ls /streamlab",
                              timeout=120)
        assert result.returncode == 0, f"{service}: {result.stderr[-2000:]}"
        assert "/streamlab/test" in result.stdout


@pytest.fixture(scope="module")
def kafka_run(cluster, memory, figures, tmp_path_factory):
    target = tmp_path_factory.mktemp("compose-kafka")
    notebook = run_notebook(cluster, "kafka", target, figures, STREAMLAB_CONSUMER_ITERATIONS=6, STREAMLAB_POLL_MS=500)
    snapshots = {partition: json.loads((target / f"partition-{partition}.json").read_text()) for partition in range(6)}
    report_pb2 = report_module(target)

    def decode(value):
        report = report_pb2.Report()
        report.ParseFromString(value)
        return report

    with compose_names(cluster) as bootstrap:
        topic = read_partitions("stations", decode, bootstrap)
    return notebook, snapshots, topic


def test_the_kafka_notebook_runs_without_errors(kafka_run):
    notebook, _, _ = kafka_run
    assert error_outputs(notebook) == []


@pytest.mark.parametrize("partition", range(6))
def test_each_partition_file_counts_the_topics_reports_exactly_once(kafka_run, partition):
    _, snapshots, topic = kafka_run
    snapshot = snapshots[partition]
    assert snapshot["partition"] == partition and snapshot["offset"] > 0
    assert {key for key in snapshot if key not in ("partition", "offset")} == STATIONS_BY_PARTITION[partition]
    read = [report for offset, report in topic[partition] if offset < snapshot["offset"]]
    assert len(read) == snapshot["offset"], "the saved offset is past the records the topic holds"
    for station in STATIONS_BY_PARTITION[partition]:
        summary = snapshot[station]
        start = datetime.date.fromisoformat(summary["start"])
        first_of_each_day = {}
        for report in read:
            if report.station == station:
                first_of_each_day.setdefault(report.date, report.degrees)
        assert summary["count"] == len(first_of_each_day) == (datetime.date.fromisoformat(summary["end"]) - start).days + 1
        assert math.isclose(summary["sum"], sum(first_of_each_day.values()), rel_tol=1e-9)


class Producer:
    """kafka.ipynb's own Part 1 (fresh topics, the producer thread, its first acknowledgements) under
    nbconvert inside `app`, as the tests run it locally in a kernel, then a cell that keeps the kernel,
    and so the producer thread, running until the test creates the file `stop`."""
    RUN = "/tmp/producer-run"
    KEEP_RUNNING = ('Files.writeString(Path.of("producing"), "");   // Part 1 ran: the test may go on\n'
                    'while (!Files.exists(Path.of("stop"))) {         // the producer thread sends meanwhile\n'
                    '    Thread.sleep(100);\n'
                    '}')

    def __init__(self, cluster, workdir):
        self.cluster, self.workdir = cluster, workdir

    def start(self):
        cells = [*GROUPS["SETUP"], *GROUPS["PRODUCER"], self.KEEP_RUNNING]
        notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in cells])
        nbformat.write(notebook, self.workdir / "producer.ipynb")
        made = self.cluster.exec("app", f"rm -rf {self.RUN} && mkdir {self.RUN}", timeout=60)
        assert made.returncode == 0, made.stderr
        self.cluster.copy_in("app", self.workdir / "producer.ipynb", f"{self.RUN}/producer.ipynb")
        started = self.cluster.exec(
            "app", f"cd {self.RUN} && nohup sh -c 'echo $$ > pid; exec /usr/bin/jupyter nbconvert --to notebook"
                   " --execute producer.ipynb --output executed-producer.ipynb --ExecutePreprocessor.timeout=-1"
                   " --ExecutePreprocessor.kernel_name=java' > log 2>&1 &",
            timeout=60, STREAMLAB_PRODUCER_PAUSE_MS=200)
        assert started.returncode == 0, started.stderr
        wait_until(self.producing, 180, "kafka.ipynb's producer cells inside app to run")

    def running(self):
        return self.cluster.exec("app", f"test -f {self.RUN}/pid && ps -o stat= -p $(cat {self.RUN}/pid) | grep -qv Z",
                                 timeout=30).returncode == 0

    def producing(self):
        if self.cluster.exec("app", f"test -f {self.RUN}/producing", timeout=30).returncode == 0:
            return True
        assert self.running(), "nbconvert of kafka.ipynb's producer cells ended:\n" + \
            self.cluster.exec("app", f"cat {self.RUN}/log", timeout=30).stdout[-5000:]
        return False

    def stop(self):
        """Creates `stop`, so the last cell ends and nbconvert shuts the kernel down, then waits until
        nbconvert is gone (gone, or a zombie not yet reaped: ps shows no line without Z)."""
        self.cluster.exec("app", f"! test -d {self.RUN} || touch {self.RUN}/stop", timeout=30)
        wait_until(lambda: not self.running(), 120, "kafka.ipynb's producer kernel inside app to stop")


@pytest.fixture(scope="module")
def producer(cluster, kafka_run, tmp_path_factory):
    producer = Producer(cluster, tmp_path_factory.mktemp("compose-producer"))
    producer.start()
    try:
        yield producer
    finally:
        producer.stop()


@pytest.fixture(scope="module")
def spark_run(cluster, producer, memory, figures, tmp_path_factory):
    target = tmp_path_factory.mktemp("compose-spark")
    return run_notebook(
        cluster, "spark", target, figures,
        STREAMLAB_STATS_TRIGGER="5s", STREAMLAB_STATS_DURATION="10s",
        STREAMLAB_PARQUET_TRIGGER="15s", STREAMLAB_PARQUET_WAIT="4m",
        STREAMLAB_PREDICTION_TRIGGER="5s", STREAMLAB_PREDICTION_DURATION="15s",
        STREAMLAB_FIRST_BATCH_WAIT="4m",
        STREAMLAB_PARQUET_DIR=f"hdfs://nn:9000{PARQUET}",
        STREAMLAB_CHECKPOINT_DIR="hdfs://nn:9000/streamlab/test/checkpoints/forecast")


def test_the_spark_notebook_runs_without_errors(spark_run):
    assert error_outputs(spark_run) == []


def test_the_stats_table_covers_the_fifteen_stations(spark_run):
    printed = cell_text(cell_starting_with(spark_run, "StreamingQuery statsQuery = stats.writeStream()"))
    last_batch = printed.rsplit("Batch:", 1)[1]
    assert set(re.findall(r"^\|\s*([A-O])\|2000-01-01\|", last_batch, re.MULTILINE)) == set("ABCDEFGHIJKLMNO")


def test_the_notebooks_spark_application_ran_on_the_standalone_worker(spark_run, cluster):
    url = f"http://127.0.0.1:{cluster.ports['STREAMLAB_SPARK_MASTER_UI_PORT']}/json/"
    with urllib.request.urlopen(url, timeout=10) as response:
        master = json.loads(response.read())
    assert [worker["host"] for worker in master["workers"] if worker["state"] == "ALIVE"] == ["spark-worker"]
    applications = {application["id"] for application in master["completedapps"] + master["activeapps"]}
    assert applications, "the master saw no application"
    # Each application's executors leave their working directories on the worker's container.
    listed = cluster.exec("spark-worker", "ls .streamlab/data/spark-work", timeout=60)
    assert listed.returncode == 0, listed.stderr
    assert applications <= set(listed.stdout.split()), listed.stdout


def test_the_forecast_parquet_on_hdfs_is_read_from_outside(spark_run, cluster):
    result = subprocess.run(
        ["java", "-Xmx256m", "-cp", lib_classpath(), str(REPO / "python" / "streamlab_check" / "ParquetFooter.java"),
         f"hdfs://{cluster.address('nn')}:9000{PARQUET}"],
        capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.splitlines()
    written = {line.split()[1]: int(line.split()[2]) for line in lines if line.startswith("file part-")}
    assert written, result.stdout
    schema = json.loads(next(line for line in lines if line.startswith("schema "))[len("schema "):])
    assert [field["name"] for field in schema["fields"]] == \
        ["station", "date", "raining", "month", "sub1degrees", "sub1raining", "sub2degrees", "sub2raining"]
    # The NameNode's web UI lists the same files: WebHDFS answers on Java 17.
    assert written.items() <= parquet_files(cluster).items()
    root = cluster.webhdfs("/", "LISTSTATUS")["FileStatuses"]["FileStatus"]
    assert "streamlab" in {status["pathSuffix"] for status in root}


def test_kafka_and_hdfs_data_survive_down_and_up(spark_run, producer, cluster, figures):
    producer.stop()
    topics_before = end_offsets(cluster, "stations-json")
    files_before = parquet_files(cluster)
    assert sum(topics_before.values()) > 0 and files_before

    cluster.down(volumes=False)
    started = time.monotonic()
    cluster.up()
    cluster.wait_healthy()
    figures["up to healthy again s"] = round(time.monotonic() - started, 1)

    for service in SERVICES:
        assert cluster.restarts(service) == 0, f"{service} restarted after up:\n{cluster.logs(service)}"
    assert end_offsets(cluster, "stations-json") == topics_before
    assert parquet_files(cluster) == files_before
