"""./streamlab bench: Java notebooks against the seed's own Python code, side by side on one broker.

    PYTHONPATH=python:bench/python /usr/bin/python3 bench/streamlab_bench.py [--smoke] [--runs N] [--out bench/RESULTS.md]

Needs a running cluster (Kafka at STREAMLAB_KAFKA, HDFS at STREAMLAB_HDFS), the build and the `java`
kernelspec; scripts/bench.sh provides them. Prints one markdown table (median, min, max over the runs
and the ratio to the baseline measured in the same run) and, unless --smoke, writes it to
bench/RESULTS.md with the date, the machine and the versions; --json writes the rows by their ids
(what tests/bench reads). Fails loudly when the Java and the Python consumers' summaries differ.
"""
import argparse
import datetime
import json
import math
import os
import pathlib
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

import long_run  # bench/python: on PYTHONPATH (scripts/bench.sh, tests/bench)
import results_file
from streamlab_support import (REPO, hdfs_url, kafka_bootstrap, pom_property, version, wait_until,
                               without_solution_markers)

BENCH = pathlib.Path(__file__).resolve().parent
# The heading of a run of some groups only (--only), followed by their names.
PARTIAL_SECTION = "## Only "
os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")

KAFKA = kafka_bootstrap()
JAVA = str(pathlib.Path(os.environ["JAVA_HOME"]) / "bin" / "java") if os.environ.get("JAVA_HOME") else "java"
JAVAC = str(pathlib.Path(os.environ["JAVA_HOME"]) / "bin" / "javac") if os.environ.get("JAVA_HOME") else "javac"
LIB_CP = f"{REPO}/lib/target/streamlab-lib-{version()}.jar:{REPO}/lib/target/lib/*"
TOOLS_CP = f"{BENCH}/kafka-tools/target/lib/*"
CLASSES = REPO / "target" / "bench-classes"
PYTHON = "/usr/bin/python3"

# Our own topics for Kafka's tool and the Python producer.
PRODUCE_TOPICS = ("bench-stations", "bench-stations-json")
PERF_TOPIC = "bench-perf"
# kafka.ipynb's own cells write only to its topics; the bench fills them with it for the consumer and Spark rows.
NOTEBOOK_TOPICS = ("stations", "stations-json")

SIZES = {
    # reports (one report = one record on each of the two topics)
    # perf_records: ProducerPerformance runs cold in its own JVM, so it gets more records to amortise its warm-up.
    "full": dict(runs=5, produce_seconds=10, perf_records=1_000_000, python_reports=10_000, consume_reports=1_000_000,
                 spark_reports=20_000, fresh_seconds=20, trigger_ms=5_000, kernel_starts=5, cells=300, e2e_runs=2,
                 # tests/notebooks/test_spark_notebook.py's settings
                 spark_notebook=dict(STREAMLAB_STATS_TRIGGER="5s", STREAMLAB_STATS_DURATION="10s",
                                     STREAMLAB_PARQUET_TRIGGER="15s", STREAMLAB_PREDICTION_TRIGGER="5s",
                                     STREAMLAB_PREDICTION_DURATION="15s")),
    "smoke": dict(runs=0, produce_seconds=2, perf_records=4_000, python_reports=500, consume_reports=3_000,
                  spark_reports=1_000, fresh_seconds=4, trigger_ms=1_000, kernel_starts=1, cells=20, e2e_runs=1,
                  spark_notebook=dict(STREAMLAB_STATS_TRIGGER="2s", STREAMLAB_STATS_DURATION="4s",
                                      STREAMLAB_PARQUET_TRIGGER="5s", STREAMLAB_PREDICTION_TRIGGER="2s",
                                      STREAMLAB_PREDICTION_DURATION="4s")),
}


# Observations a run makes besides the table (e.g. where a Spark batch's time goes), written under it.
NOTES = []


class BenchFailure(Exception):
    pass


# ---------- running things ----------

def run(command, what, env=None, timeout=1800):
    """Runs a command; returns its stdout; fails naming `what` with the end of its output."""
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=timeout, cwd=REPO)
    if result.returncode != 0:
        raise BenchFailure(f"{what} failed (exit {result.returncode}):\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return result.stdout


def json_lines(output):
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def measured(lines):
    """The timed runs; in a smoke run (no timed runs) the warm-up run is the measurement."""
    timed = [line for line in lines if not line.get("warmup")]
    return timed or lines


def java(main, *args):
    command = [JAVA, "-Xmx768m", "-cp", f"{CLASSES}:{LIB_CP}", main, *map(str, args)]
    return run(command, f"{main} {' '.join(map(str, args))}")


def build_kafka_tools():
    """Kafka's ProducerPerformance lives in kafka-tools, which the broker's classpath does not hold:
    bench/kafka-tools copies it (Maven, only for the bench, so everyday builds stay as they are)."""
    pom = BENCH / "kafka-tools" / "pom.xml"
    lib = BENCH / "kafka-tools" / "target" / "lib"
    if not lib.is_dir() or pom.stat().st_mtime > lib.stat().st_mtime:
        run(["mvn", "-B", "-q", "-f", str(pom), "package"], "building bench/kafka-tools (Kafka's ProducerPerformance)")


def compile_java():
    """The benchmark programs are single Java files compiled against the built helper jar, so they
    measure (and cannot drift from) the lib the notebooks import, without a Maven module in every build."""
    if CLASSES.exists():
        shutil.rmtree(CLASSES)
    CLASSES.mkdir(parents=True)
    run([JAVAC, "-d", str(CLASSES), "-cp", LIB_CP, *map(str, sorted((BENCH / "java").glob("*.java")))],
        "compiling bench/java")


# ---------- results ----------

class Row:
    """One benchmark's measurements. `id` is stable (targets(), baselines and tests/bench name rows by
    it); `name` is the label the table shows and may change. `baseline` is another row's id."""

    def __init__(self, group, name, unit, values, *, id, higher_is_better=True, baseline=None, note=""):
        self.id, self.group, self.name, self.unit, self.values = id, group, name, unit, list(values)
        self.higher_is_better, self.baseline, self.note = higher_is_better, baseline, note

    @property
    def unit_label(self):
        """The table's unit, marked when a smaller number is the better one (seconds, MiB)."""
        return self.unit if self.higher_is_better else f"{self.unit} (lower is better)"

    def as_json(self):
        return dict(id=self.id, group=self.group, name=self.name, unit=self.unit,
                    higher_is_better=self.higher_is_better, values=self.values, median=self.median)

    @property
    def median(self):
        return statistics.median(self.values)


def fmt(value):
    if value >= 1000:
        return f"{value:,.0f}"
    if value >= 100:
        return f"{value:.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.3g}" if value < 1 else f"{value:.2f}"


def table(rows):
    by_id = {row.id: row for row in rows}
    lines = ["| group | benchmark | unit | runs | median | min | max | ratio to baseline |",
             "|---|---|---|---|---|---|---|---|"]
    for row in rows:
        ratio = "baseline" if row.baseline == "self" else "—"
        if row.baseline and row.baseline != "self":
            base = by_id[row.baseline]
            ratio = f"{row.median / base.median:.2f}× {base.name}"
        lines.append(f"| {row.group} | {row.name}{(' — ' + row.note) if row.note else ''} | {row.unit_label} | "
                     f"{len(row.values)} | {fmt(row.median)} | {fmt(min(row.values))} | {fmt(max(row.values))} | {ratio} |")
    return "\n".join(lines)


# ---------- 1. producer ----------

def end_offset_sum(*topics):
    """Records the topics hold now (sum of their partitions' end offsets), read with kafka-python."""
    from kafka import KafkaConsumer, TopicPartition
    consumer = KafkaConsumer(bootstrap_servers=[KAFKA])
    try:
        partitions = [TopicPartition(topic, p) for topic in topics for p in sorted(consumer.partitions_for_topic(topic) or ())]
        return sum(consumer.end_offsets(partitions).values())
    finally:
        consumer.close()


def notebook_producer(workdir, pause_ms):
    """kafka.ipynb's Part 1 (recreates `stations` and `stations-json`, starts the producer thread, waits
    for its first acknowledgements) in a fresh kernel; the caller closes it, which ends the producer."""
    from streamlab_support.kafka_notebook import KafkaNotebookKernel
    workdir.mkdir(parents=True, exist_ok=True)
    kernel = KafkaNotebookKernel(workdir, STREAMLAB_PRODUCER_PAUSE_MS=pause_ms)
    try:
        kernel.run("SETUP", "PRODUCER")
    except BaseException:
        kernel.close()
        raise
    return kernel


def fill_notebook_topics(workdir, topic, records):
    """Runs kafka.ipynb's producer without pauses until `topic` holds at least `records` records."""
    kernel = notebook_producer(workdir, pause_ms=0)
    try:
        wait_until(lambda: end_offset_sum(topic) >= records, 600, f"kafka.ipynb's producer to fill {topic} with {records:,} records")
        kernel.kill()  # at once: a shutdown request would let it send on for a second or two
    finally:
        kernel.close()
    return end_offset_sum(topic)


def mean_value_size(topics, records=15_000):
    """The mean value size of the first records of the topics, in bytes (what ProducerPerformance sends)."""
    from kafka import KafkaConsumer
    sizes = []
    for topic in topics:
        consumer = KafkaConsumer(topic, bootstrap_servers=[KAFKA], auto_offset_reset="earliest",
                                 enable_auto_commit=False, consumer_timeout_ms=5000)
        try:
            for message in consumer:
                sizes.append(len(message.value))
                if len(sizes) % records == 0:
                    break
        finally:
            consumer.close()
    if not sizes:
        raise BenchFailure(f"no records in {topics} to measure their size")
    return sum(sizes) / len(sizes)


def producer_rows(size, workdir):
    rows = []
    # (a) kafka.ipynb's own producer cells in a kernel, without the pause between days; records/s
    # acknowledged on both topics, measured from outside over a window once the producer runs.
    rates = []
    for run_number in range(max(1, size["runs"])):
        kernel = notebook_producer(workdir / f"producer-{run_number}", pause_ms=0)
        try:
            first, started = end_offset_sum(*NOTEBOOK_TOPICS), time.monotonic()
            time.sleep(size["produce_seconds"])  # the measuring window: the producer runs meanwhile
            last, ended = end_offset_sum(*NOTEBOOK_TOPICS), time.monotonic()
            kernel.kill()
        finally:
            kernel.close()
        rates.append((last - first) / (ended - started))
    rows.append(Row("Producer", "kafka.ipynb producer cells", "records/s", rates, id="producer.notebook",
                    baseline="producer.ceiling",
                    note=f"STREAMLAB_PRODUCER_PAUSE_MS=0, both topics, acks=all, idempotent; "
                         f"a fresh kernel per run, {size['produce_seconds']} s window"))
    record_size = max(1, round(mean_value_size(NOTEBOOK_TOPICS)))

    # (c) the broker's ceiling: Kafka's own tool, same record size, acks=all, 6 partitions.
    java("KafkaBench", "recreate", PERF_TOPIC, PERF_TOPIC + "-unused")
    ceiling = []
    for _ in range(max(1, size["runs"])):
        output = run([JAVA, "-Xmx512m", "-cp", TOOLS_CP, "org.apache.kafka.tools.ProducerPerformance",
                      "--topic", PERF_TOPIC, "--num-records", str(size["perf_records"]), "--record-size", str(record_size),
                      "--throughput", "-1", "--producer-props", f"bootstrap.servers={KAFKA}", "acks=all"],
                     "Kafka's ProducerPerformance")
        summary = [line for line in output.splitlines() if "records/sec" in line][-1]
        ceiling.append(float(re.search(r"([\d.]+) records/sec", summary).group(1)))
    rows.insert(0, Row("Producer", "Kafka ProducerPerformance (broker ceiling)", "records/s", ceiling, id="producer.ceiling", baseline="self",
                       note=f"{size['perf_records']:,} records of {record_size} B (mean of both topics), acks=all, "
                            "a fresh JVM per run"))

    # (b) the seed's Python producer, on topics of its own.
    python_reports = size["python_reports"]
    java("KafkaBench", "recreate", *PRODUCE_TOPICS)
    lines = json_lines(run([PYTHON, str(BENCH / "python" / "seed_weather.py"), "produce", "--bootstrap", KAFKA,
                            "--topic", PRODUCE_TOPICS[0], "--json-topic", PRODUCE_TOPICS[1],
                            "--reports", str(python_reports), "--runs", str(max(1, size["runs"]))],
                           "the seed's Python producer"))
    rows.append(Row("Producer", f"seed Python producer (kafka-python {kafka_python_version()})", "records/s",
                    [line["records"] / line["seconds"] for line in lines], id="producer.python",
                    baseline="producer.ceiling",
                    note=f"{python_reports:,} reports × 2 topics, acks=all, retries=10"))
    return rows


def kafka_python_version():
    import kafka
    return kafka.__version__


# ---------- 2. consumer ----------

def read_partition_files(directory):
    snapshots = {}
    for path in sorted(pathlib.Path(directory).glob("partition-*.json")):
        with open(path) as f:
            snapshot = json.load(f)
        snapshots[snapshot["partition"]] = snapshot
    return snapshots


def require_same_summaries(java_dir, python_dir):
    """Counts, start and end exactly, offsets exactly, sums within 1e-9 relative — or the bench fails."""
    java_files, python_files = read_partition_files(java_dir), read_partition_files(python_dir)
    if sorted(java_files) != sorted(python_files) or not java_files:
        raise BenchFailure(f"partition files differ: Java {sorted(java_files)} in {java_dir}, "
                           f"Python {sorted(python_files)} in {python_dir}")
    for partition, java_snapshot in java_files.items():
        python_snapshot = python_files[partition]
        if java_snapshot["offset"] != python_snapshot["offset"]:
            raise BenchFailure(f"partition {partition}: offset {java_snapshot['offset']} (Java) vs "
                               f"{python_snapshot['offset']} (Python)")
        stations = lambda snapshot: {k: v for k, v in snapshot.items() if k not in ("partition", "offset")}
        java_stations, python_stations = stations(java_snapshot), stations(python_snapshot)
        if sorted(java_stations) != sorted(python_stations):
            raise BenchFailure(f"partition {partition}: stations {sorted(java_stations)} (Java) vs {sorted(python_stations)} (Python)")
        for station, j in java_stations.items():
            p = python_stations[station]
            for field in ("count", "start", "end"):
                if j[field] != p[field]:
                    raise BenchFailure(f"partition {partition} station {station}: {field} {j[field]} (Java) vs {p[field]} (Python)")
            if not math.isclose(j["sum"], p["sum"], rel_tol=1e-9):
                raise BenchFailure(f"partition {partition} station {station}: sum {j['sum']} (Java) vs {p['sum']} (Python)")


def partition_offsets(directory):
    """{partition: offset} of the partition-N.json files in `directory` (each replaced atomically)."""
    offsets = {}
    for path in pathlib.Path(directory).glob("partition-*.json"):
        try:
            snapshot = json.loads(path.read_text())
        except (FileNotFoundError, ValueError):
            continue
        offsets[snapshot["partition"]] = snapshot["offset"]
    return offsets


def notebook_consumer_run(directory):
    """kafka.ipynb's consumer cells in a fresh kernel (the cells defined first, off the clock), then its
    two-rounds cell with endless polls; seconds from sending that cell until every partition file
    holds the topic's end offset, watched from outside. Then the kernel is closed."""
    from kafka import KafkaConsumer, TopicPartition
    from streamlab_support.kafka_notebook import KafkaNotebookKernel
    directory.mkdir(parents=True)
    consumer = KafkaConsumer(bootstrap_servers=[KAFKA])
    try:
        partitions = [TopicPartition("stations", p) for p in range(6)]
        end = {tp.partition: offset for tp, offset in consumer.end_offsets(partitions).items() if offset > 0}
    finally:
        consumer.close()
    kernel = KafkaNotebookKernel(directory, STREAMLAB_CONSUMER_ITERATIONS=1_000_000, STREAMLAB_POLL_MS=100)
    try:
        kernel.run("SETUP", "CLEAN", "CONSUMER_DEFINITIONS")
        started = time.monotonic()
        kernel.start("ROUNDS")
        deadline = started + 600
        while partition_offsets(directory) != end:
            if time.monotonic() > deadline or not kernel.alive():
                raise BenchFailure(f"kafka.ipynb's consumers did not reach {end} within 600 s: {partition_offsets(directory)}")
            time.sleep(0.002)  # how finely the finish line is seen
        seconds = time.monotonic() - started
    finally:
        kernel.close()
    return {"records": sum(end.values()), "seconds": seconds, "dir": str(directory)}


def consumer_rows(size, workdir):
    rows = []
    # The pre-filled topic: kafka.ipynb's own producer, run until `stations` holds enough records.
    records = fill_notebook_topics(workdir / "consumer-fill", "stations", size["consume_reports"])
    runs = max(1, size["runs"])
    counting = measured(json_lines(java("KafkaBench", "count", "stations", size["runs"])))
    rows.append(Row("Consumer", "plain Java consumer, counting only", "records/s",
                    [line["records"] / line["seconds"] for line in counting], id="consumer.counting", baseline="self",
                    note=f"{records:,} records, 3 threads × 2 partitions, the notebook's client settings"))
    lines = [notebook_consumer_run(workdir / "java" / f"run-{run_number}") for run_number in range(runs)]
    rows.append(Row("Consumer", "kafka.ipynb consumer cells (exactly once)", "records/s",
                    [line["records"] / line["seconds"] for line in lines], id="consumer.notebook",
                    baseline="consumer.counting",
                    note="its two-rounds cell in a fresh kernel; durable atomic save after every batch"))
    python = json_lines(run([PYTHON, str(BENCH / "python" / "seed_weather.py"), "consume", "--bootstrap", KAFKA,
                             "--topic", "stations", "--dir", str(workdir / "python"), "--runs", str(runs)],
                            "the seed's Python consumer"))
    rows.append(Row("Consumer", "seed Python consumer (kafka-python, protobuf)", "records/s",
                    [line["records"] / line["seconds"] for line in python], id="consumer.python",
                    baseline="consumer.counting", note="atomic rename, no fsync"))
    for java_line in lines:
        for python_line in python:
            require_same_summaries(java_line["dir"], python_line["dir"])
    return rows


# ---------- 3. kernel ----------

def kernel_rows(size, workdir):
    import kernel_bench  # bench/kernel_bench.py: the kernel's own benchmark, reused as is
    firsts = [kernel_bench.start_to_first_result()[1] for _ in range(size["kernel_starts"])]
    times, _ = kernel_bench.round_trips(size["cells"])
    times_off, _ = kernel_bench.round_trips(size["cells"], env=kernel_bench.LISTENERS_OFF)
    # Same-run pair: the live query panel's cost on a stream run flat out (rate-micro-batch -> noop).
    seconds = max(5, size["fresh_seconds"] // 2)
    with_panel = [kernel_bench.stream_rows_per_second(True, seconds) for _ in range(max(1, size["runs"]))]
    without = [kernel_bench.stream_rows_per_second(False, seconds) for _ in range(max(1, size["runs"]))]
    # %kafka tail decodes `stations` as protobuf Reports: kafka.ipynb's producer writes some first.
    fill_notebook_topics(workdir / "kernel-fill", NOTEBOOK_TOPICS[0], 1_000)
    tails = kernel_bench.kafka_tail_seconds(NOTEBOOK_TOPICS[0])
    return [
        Row("Kernel", "start to first result (`1 + 1`)", "s", firsts, id="kernel.first_result", higher_is_better=False),
        Row("Kernel", f"trivial cell round trip (median of {size['cells']})", "ms",
            [statistics.median(times) * 1000], id="kernel.round_trip", higher_is_better=False,
            note="one kernel; min/max are the median's only value"),
        Row("Kernel", f"trivial cell round trip, kernel listeners off (median of {size['cells']})", "ms",
            [statistics.median(times_off) * 1000], id="kernel.round_trip_listeners_off", higher_is_better=False,
            note="STREAMLAB_KERNEL_LISTENERS=off: no query panels or job bars; one kernel"),
        Row("Kernel", "stream without a live panel", "rows/s", without, id="kernel.stream_without_panel",
            note=f"local[2], rate-micro-batch 2,000 rows/batch -> noop, {seconds} s, one kernel per run, "
                 "STREAMLAB_KERNEL_LISTENERS=off"),
        Row("Kernel", "stream with its live panel", "rows/s", with_panel, id="kernel.stream_with_panel",
            baseline="kernel.stream_without_panel"),
        Row("Kernel", "`%kafka tail TOPIC 20`, warm kernel", "ms", [t * 1000 for t in tails], id="kernel.kafka_tail",
            higher_is_better=False,
            note=f"{NOTEBOOK_TOPICS[0]}, 6 partitions"),
    ]


# ---------- 4. spark ----------

# The cells of notebooks/spark.ipynb that define the Spark pipeline, by how their source starts; the
# bench runs them as they are, on the topic they read: stations-json, filled by kafka.ipynb's producer.
PIPELINE_CELLS = ("import io.streamlab.", "SparkSession spark =", "Dataset<Row> kafkaRows =", "String schema =",
                  "Dataset<Row> stats =", "Dataset<Row> today =", "String[] stationAndDate =",
                  "Dataset<Row> forecastRows =")
NOTEBOOK_JSON_TOPIC = NOTEBOOK_TOPICS[1]


def notebook_pipeline():
    """The pipeline cells' sources, in notebook order; fails unless their Kafka source reads stations-json."""
    import nbformat
    notebook = nbformat.read(REPO / "notebooks" / "spark.ipynb", as_version=4)
    cells = []
    for prefix in PIPELINE_CELLS:
        # a solution region's marker lines (`./streamlab exercises`) may come before the first code line
        found = [cell.source for cell in notebook.cells if cell.cell_type == "code"
                 and without_solution_markers(cell.source).startswith(prefix)]
        if len(found) != 1:
            raise BenchFailure(f"spark.ipynb has {len(found)} code cells starting with {prefix!r}, expected 1")
        cells.append(found[0])
    quoted = f'"{NOTEBOOK_JSON_TOPIC}"'
    sources = [cell for cell in cells if quoted in cell]
    if len(sources) != 1 or sources[0].count(quoted) != 1:
        raise BenchFailure(f"spark.ipynb should name the topic {quoted} once, in its Kafka source cell: "
                           "the bench fills that topic with kafka.ipynb's producer")
    return cells


def run_cells(session, cells, timeout):
    """Runs cells in the kernel; returns their stdout; fails with the kernel's error."""
    out = []
    for cell in cells:
        result = session.execute(cell, timeout=timeout)
        if result.status != "ok":
            raise BenchFailure(f"the kernel failed on:\n{cell}\n{result.error}\n{result.stream('stderr')[-3000:]}")
        out.append(result.stream())
    return "".join(out)


def spark_rows(size, workdir):
    from streamlab_support.kernel_session import KernelSession

    # The pre-filled topic: kafka.ipynb's own producer (no pause) until stations-json holds enough records.
    rows_filled = fill_notebook_topics(workdir / "spark-fill", NOTEBOOK_JSON_TOPIC, size["spark_reports"])
    session = KernelSession()
    try:
        # spark.ipynb's own cells in the real kernel (local[2] as in the notebook's default), then the
        # measurements in bench/java/SparkBench.java, called from a cell with the notebook's Datasets.
        run_cells(session, notebook_pipeline() + [f"%classpath {CLASSES}"], timeout=600)
        out = run_cells(session, [f"io.streamlab.bench.SparkBench.throughput(spark, stats, forecastRows, {size['runs']});"],
                        timeout=3600)
        # The live topic: kafka.ipynb's producer (it recreates its topics) at 15 stations every 200 ms in a
        # kernel of its own while the notebook's `stats` runs; SparkBench watches the topic from outside.
        producer = notebook_producer(workdir / "spark-fresh", pause_ms=200)
        try:
            out += run_cells(session, [f"io.streamlab.bench.SparkBench.freshness(spark, stats, \"{NOTEBOOK_JSON_TOPIC}\", "
                                       f"{size['trigger_ms']}, {size['fresh_seconds']}, {size['runs']});"], timeout=3600)
        finally:
            producer.close()
    finally:
        session.close()
    lines = json_lines(out)
    stats = measured([line for line in lines if line.get("query") == "stats"])
    forecast = measured([line for line in lines if line.get("query") == "forecast"])
    fresh = measured([line for line in lines if "p50" in line])
    trigger = size["trigger_ms"] / 1000
    for line in fresh:
        NOTES.append(f"freshness run: stats batches with data, median ms per phase (Spark's progress): "
                     f"{line['batch_ms_median']}")
        print("    " + NOTES[-1], file=sys.stderr, flush=True)
    return [
        Row("Spark", "stats query (spark.ipynb's `stats`)", "rows/s", [l["rows"] / l["seconds"] for l in stats], id="spark.stats",
            note=f"local[2] in the kernel, {rows_filled:,} rows (kafka.ipynb's producer), Trigger.AvailableNow"),
        Row("Spark", "forecast query (spark.ipynb's `forecastRows`, 2 stream-stream joins)", "input rows/s",
            [l["rows"] / l["seconds"] for l in forecast], id="spark.forecast", note="3 reads of the topic, noop sink"),
        Row("Spark", "stats query, sustained", "rows/s", [l["rows"] / l["batch_seconds"] for l in stats],
            id="spark.stats_sustained",
            note="the same run, time inside its batches only (query start and stop left out)"),
        Row("Spark", "forecast query, sustained", "input rows/s", [l["rows"] / l["batch_seconds"] for l in forecast],
            id="spark.forecast_sustained",
            note="the same run, time inside its batches only"),
        Row("Spark", "stats freshness, median report", "s", [l["p50"] for l in fresh], id="spark.freshness_median",
            higher_is_better=False,
            note=f"trigger {trigger:g} s, 15 stations every 200 ms"),
        Row("Spark", "stats freshness, slowest report", "s", [l["max"] for l in fresh], id="spark.freshness_slowest",
            higher_is_better=False,
            note="ack to the first batch that includes it"),
    ]


# ---------- 5. end to end ----------

def cluster_pids():
    output = subprocess.run([str(REPO / "streamlab"), "cluster", "status"], capture_output=True, text=True).stdout
    pids = {}
    for line in output.splitlines():
        match = re.match(r"^(kafka|namenode|datanode)\s+running.*?\s(\d+)\s", line)
        if match:
            pids[match.group(1)] = int(match.group(2))
    return pids


def descendants_running(pattern):
    """Pids of our descendant processes whose command line contains `pattern` (the kernel under nbconvert)."""
    parents = {}
    for entry in pathlib.Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                pass
    me = os.getpid()
    found = []
    for pid in parents:
        ancestor = pid
        while ancestor > 1 and ancestor != me:
            ancestor = parents.get(ancestor, 1)
        if ancestor == me and pid != me:
            try:
                if pattern in (pathlib.Path("/proc") / str(pid) / "cmdline").read_bytes().decode(errors="replace"):
                    found.append(pid)
            except OSError:
                pass
    return found


def rss_mib(pid):
    result = subprocess.run(["ps", "-o", "rss=", "-p", str(pid)], capture_output=True, text=True)
    return int(result.stdout.strip()) / 1024 if result.stdout.strip() else 0


class PeakRss:
    """Samples `ps -o rss=` of the cluster's JVMs and the kernel every 0.25 s while a notebook runs."""

    def __init__(self, cluster):
        self.cluster = cluster
        self.peaks = {}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.sample, daemon=True)

    def sample(self):
        while not self.stop.is_set():
            pids = dict(self.cluster)
            for pid in descendants_running("io.streamlab.kernel"):
                pids["kernel"] = pid
            for role, pid in pids.items():
                self.peaks[role] = max(self.peaks.get(role, 0), rss_mib(pid))
            self.stop.wait(0.25)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()


def e2e_rows(size, workdir):
    from streamlab_support.notebook_runner import error_outputs, execute_notebook
    hdfs = hdfs_url()
    cluster = cluster_pids()
    if sorted(cluster) != ["datanode", "kafka", "namenode"]:
        raise BenchFailure(f"./streamlab cluster status shows {cluster}; Kafka and HDFS must run")
    walls = {"kafka.ipynb": [], "spark.ipynb": []}
    peaks = {}
    for run_number in range(size["e2e_runs"]):
        run_dir = workdir / f"e2e-{run_number}"
        run_dir.mkdir()
        with PeakRss(cluster) as rss:
            started = time.monotonic()
            notebook = execute_notebook("kafka.ipynb", run_dir, STREAMLAB_CONSUMER_ITERATIONS=6, STREAMLAB_POLL_MS=500)
            walls["kafka.ipynb"].append(time.monotonic() - started)
            if error_outputs(notebook):
                raise BenchFailure(f"kafka.ipynb had errors: {error_outputs(notebook)}")
            # spark.ipynb reads what kafka.ipynb's producer writes, as in tests/notebooks/test_spark_notebook.py:
            # its Part 1 in a kernel left running, 15 stations every 200 ms.
            producer = notebook_producer(run_dir / "producer", pause_ms=200)
            try:
                started = time.monotonic()
                notebook = execute_notebook(
                    "spark.ipynb", run_dir,
                    **size["spark_notebook"], STREAMLAB_PARQUET_WAIT="4m", STREAMLAB_FIRST_BATCH_WAIT="4m",
                    STREAMLAB_PARQUET_DIR=f"{hdfs}/streamlab/bench/{run_dir.name}-{os.getpid()}/forecast.parquet",
                    STREAMLAB_CHECKPOINT_DIR=f"{hdfs}/streamlab/bench/{run_dir.name}-{os.getpid()}/checkpoints/forecast")
                walls["spark.ipynb"].append(time.monotonic() - started)
            finally:
                producer.close()
            if error_outputs(notebook):
                raise BenchFailure(f"spark.ipynb had errors: {error_outputs(notebook)}")
        for role, peak in rss.peaks.items():
            peaks.setdefault(role, []).append(peak)
    settings = " ".join(f"{k.removeprefix('STREAMLAB_')}={v}" for k, v in size["spark_notebook"].items())
    rows = [Row("End to end", "kafka.ipynb under nbconvert", "s", walls["kafka.ipynb"], id="e2e.kafka_notebook",
                higher_is_better=False,
                note="CONSUMER_ITERATIONS=6 POLL_MS=500 (the tests' settings)"),
            Row("End to end", "spark.ipynb under nbconvert", "s", walls["spark.ipynb"], id="e2e.spark_notebook",
                higher_is_better=False,
                note=settings + ", kafka.ipynb's producer cells at 15 stations / 200 ms")]
    for role in ("kernel", "kafka", "namenode", "datanode"):
        if role not in peaks:
            raise BenchFailure(f"no RSS sample of the {role} JVM was taken")
        rows.append(Row("End to end", f"peak RSS, {role} JVM", "MiB", peaks[role], id=f"e2e.peak_rss.{role}",
                        higher_is_better=False,
                        note="both notebooks"))
    return rows


# ---------- targets, environment, main ----------

def targets(rows, trigger_s):
    """The targets whose rows this run measured (all of them, or the groups --only names)."""
    by = {row.id: row.median for row in rows}
    checks = []

    def check(ids, text, value, ok):
        if all(i in by for i in ids):
            checks.append(f"- {'met' if ok(*(by[i] for i in ids)) else '**missed**'}: {text} — {value(*(by[i] for i in ids))}")

    check(["producer.notebook", "producer.ceiling"], "producer ≥ 60 % of the broker's ceiling",
          lambda ours, ceiling: f"{ours / ceiling:.0%}", lambda ours, ceiling: ours >= 0.6 * ceiling)
    check(["consumer.counting", "consumer.notebook"], "exactly-once consumer within 2× of the counting consumer",
          lambda count, summary: f"{count / summary:.2f}× slower", lambda count, summary: count <= 2 * summary)
    check(["consumer.notebook", "consumer.python"], "exactly-once consumer ≥ 5× the Python consumer",
          lambda summary, python: f"{summary / python:.1f}×", lambda summary, python: summary >= 5 * python)
    check(["consumer.notebook"], "identical summaries (Java vs Python)",
          lambda _: "compared every run: counts, start, end, offsets exact; sums 1e-9", lambda _: True)
    # The kernel issue's target: no slower than the kernel before live streams (36 ms median then).
    check(["kernel.round_trip"], "trivial cell round trip ≤ 36 ms median (the kernel before live panels)",
          lambda ms: f"{ms:.1f} ms", lambda ms: ms <= 36)
    check(["kernel.stream_with_panel", "kernel.stream_without_panel"],
          "a stream with its live panel within 5 % of the same stream without",
          lambda on, off: f"{on / off:.3f}×", lambda on, off: on >= 0.95 * off)
    check(["kernel.kafka_tail"], "`%kafka tail` of 20 records under 1 s on a warm kernel",
          lambda ms: f"{ms:.0f} ms", lambda ms: ms < 1000)
    check(["kernel.first_result"], "kernel start to first result ≤ 3 s", lambda s: f"{s:.2f} s", lambda s: s <= 3)
    check(["spark.freshness_slowest"], f"stats freshness ≤ one trigger ({trigger_s:g} s) + 1 s",
          lambda s: f"{s:.2f} s (slowest report, median over runs)", lambda s: s <= trigger_s + 1)
    return "\n".join(checks)


def environment():
    cores = os.cpu_count()
    with open("/proc/meminfo") as f:
        memory_gib = int(f.readline().split()[1]) / 1024 / 1024
    java_version = subprocess.run([JAVA, "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    import google.protobuf
    import kafka
    load = os.getloadavg()
    return (f"- date: {datetime.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')}\n"
            f"- machine: {cores} cores, {memory_gib:.0f} GiB, {platform.platform()}; load average at the end "
            f"{load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (1/5/15 min; the machine is shared)\n"
            f"- Java: {java_version}; Python {platform.python_version()}, kafka-python {kafka.__version__}, "
            f"protobuf {google.protobuf.__version__} "
            f"({__import__('google.protobuf.internal.api_implementation', fromlist=['Type']).Type()} implementation)\n"
            f"- broker: Kafka {pom_property('kafka.broker.version')} (KRaft, one node, at {KAFKA}); notebook JVM "
            f"clients: kafka-clients {pom_property('kafka.clients.version')}, Spark {pom_property('spark.version')} local[2]")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="every benchmark once, small sizes, nothing written")
    parser.add_argument("--runs", type=int, help="timed runs per benchmark (default 5)")
    parser.add_argument("--out", help="where to write the results (default bench/RESULTS.md; none with --smoke)")
    parser.add_argument("--json", help="also write the rows, by id, as JSON to this file (what tests/bench reads)")
    parser.add_argument("--consume-reports", type=int, help="reports in the consumers' topic (default 1000000)")
    parser.add_argument("--only", help="comma-separated groups: producer,consumer,kernel,spark,e2e")
    parser.add_argument("--long", action="store_true", help="the long run instead (bench/python/long_run.py)")
    parser.add_argument("--minutes", type=float, default=10, help="with --long: minutes of wall time (default 10)")
    parser.add_argument("--producer-pause-ms", type=int, default=20, help="with --long: the producer's pause per day")
    args = parser.parse_args()
    if args.long:
        try:
            long_run.run(args.minutes, args.producer_pause_ms, args.out or str(BENCH / "RESULTS.md"))
        except long_run.LongRunFailure as failure:
            raise BenchFailure(str(failure)) from failure
        return
    size = dict(SIZES["smoke" if args.smoke else "full"])
    if args.runs is not None:
        size["runs"] = args.runs
    if args.consume_reports is not None:
        size["consume_reports"] = args.consume_reports
    groups = (args.only or "producer,consumer,kernel,spark,e2e").split(",")
    out = args.out or (None if args.smoke else str(BENCH / "RESULTS.md"))

    workdir = pathlib.Path(tempfile.mkdtemp(prefix="streamlab-bench-"))
    started = time.monotonic()
    rows = []
    try:
        build_kafka_tools()
        compile_java()
        steps = {"producer": lambda: producer_rows(size, workdir), "consumer": lambda: consumer_rows(size, workdir),
                 "kernel": lambda: kernel_rows(size, workdir), "spark": lambda: spark_rows(size, workdir),
                 "e2e": lambda: e2e_rows(size, workdir)}
        for group in groups:
            print(f"==> bench: {group}", file=sys.stderr, flush=True)
            step_started = time.monotonic()
            group_rows = steps[group]()
            rows += group_rows
            # Shown as soon as measured, so a later failure does not lose what was measured before.
            for row in group_rows:
                print(f"    {row.name}: median {fmt(row.median)} {row.unit} ({', '.join(fmt(v) for v in row.values)})",
                      file=sys.stderr, flush=True)
            print(f"    {group} took {time.monotonic() - step_started:.0f} s", file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    text = table(rows)
    verdicts = targets(rows, size["trigger_ms"] / 1000)
    if verdicts:
        text += "\n\nTargets:\n" + verdicts
    if NOTES:
        text += "\n\nNotes:\n" + "\n".join(f"- {note}" for note in NOTES)
    print(text)
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps([row.as_json() for row in rows], indent=1))
    if out:
        command = "./streamlab bench " + " ".join(sys.argv[1:])
        measured = environment() + f"\n- command: `{command}` ({time.monotonic() - started:.0f} s)\n\n" + text
        if set(groups) == set(steps):
            # a full run replaces the file's head and the sections of partial runs; the long run's stays
            long_section = results_file.section(out, long_run.SECTION)
            pathlib.Path(out).write_text(results_file.TITLE + "\n" + measured + "\n" + ("\n" + long_section if long_section else ""))
        else:
            results_file.replace_section(out, PARTIAL_SECTION + ",".join(groups), measured)
        print(f"\nwritten to {out}", file=sys.stderr)


if __name__ == "__main__":
    try:
        main()
    except BenchFailure as failure:
        print(f"streamlab bench: FAILED: {failure}", file=sys.stderr)
        sys.exit(1)
