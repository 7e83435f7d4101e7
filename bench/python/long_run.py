"""./streamlab bench --long: the notebooks' own code left running for minutes, to see whether anything
grows with the days streamed.

    ./streamlab bench --long [--minutes 10] [--producer-pause-ms 20]

- kafka.ipynb's Part 1 in a kernel of its own (tests/kafka_notebook.py): it recreates the topics and
  its producer thread sends 15 stations a day with STREAMLAB_PRODUCER_PAUSE_MS between days; its
  Part 2 consumer cells (the two-rounds cell, 3 polls of 500 ms per round) run again every 10 seconds.
- spark.ipynb's cells in a second kernel (local[2], the notebook's default): the stats query, the
  forecast query to parquet on HDFS, the model trained on the first parquet file and the prediction
  query — all three running at once. The stats and prediction cells run up to their `.start();` (their
  awaitTermination/stop lines are left out, so the queries keep running); every other cell runs as is.
- Every 10 seconds, after the consumer cell, a cell reads the three queries' recentProgress (Spark's own numbers); the bench
  samples the kernels' RSS with `ps` and the broker's and HDFS's data directories with `du`.

At 1/10, 2/10, 5/10 and 10/10 of the run it records per operator the state rows and state memory of
the last batch, the median batch duration of the last minute's batches with data, the kernels' RSS,
the Spark kernel's heap after a full collection (what it really keeps) and as committed (what its RSS
follows), and the disk use; the target is that state rows, batch time, the Spark kernel's RSS and its
heap after a full collection at 5/10 and 10/10 are within 20 % of their 2/10 values. The table is printed and written into bench/RESULTS.md as the
section "## Long run", which the normal bench keeps when it rewrites the file.

Why the producer pauses 20 ms by default instead of not at all: without a pause kafka.ipynb's producer
sends about 240,000 reports/s (bench/RESULTS.md) — 16,000 simulated days a second, past the year 9999
(which the JSON dates cannot hold) within minutes, and some 20 times what the forecast query reads per
second, so its batches would grow with the backlog whatever its state does. 20 ms is 50 days a second,
50 times the seed's pace: 30,000 days (82 years) in 10 minutes. `--producer-pause-ms 0` runs it flat out.
"""
import datetime
import json
import os
import pathlib
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import results_file
from streamlab_support import REPO, hdfs_url, kafka_bootstrap, without_solution_markers

BENCH = REPO / "bench"

SECTION = "## Long run"
# When the figures are taken, as fractions of the run; 0.2 is the reference of the target.
MARKS = (0.1, 0.2, 0.5, 1.0)
REFERENCE = 0.2
TOLERANCE = 0.2
SAMPLE_SECONDS = 10
QUERIES = ("stats", "forecast", "prediction")
QUERY_VARIABLES = {"stats": "statsQuery", "forecast": "parquetQuery", "prediction": "predictionQuery"}

# spark.ipynb's cells that the run executes, by how their source starts, in notebook order. The
# queries marked True run only up to their `.start();`.
SPARK_CELLS = (("import io.streamlab.", False), ("SparkNotebookSettings settings", False), ("TopicCheck.requireData", False),
               ("SparkSession spark =", False), ("StreamOutputs.clear", False), ("Dataset<Row> kafkaRows =", False),
               ("String schema =", False), ("Dataset<Row> stats =", False), ("StreamingQuery statsQuery =", True),
               ("Dataset<Row> today =", False), ("String[] stationAndDate =", False),
               ("Dataset<Row> forecastRows =", False), ("StreamingQuery parquetQuery =", False),
               ("ParquetWait.untilFiles", False), ("Dataset<Row> forecast =", False),
               ("VectorAssembler assembler =", False), ("DecisionTreeClassifier classifier =", False),
               ("StreamingQuery predictionQuery =", True))

# Spark's progress of every query, one compact JSON line each, and whether a query has died.
PROGRESS_CELL = "\n".join(
    f'for (var p : {variable}.recentProgress()) System.out.println("{name} " + p.json().replace("\\n", " "));\n'
    f'if (!{variable}.isActive()) System.out.println("{name} STOPPED " + {variable}.exception());'
    for name, variable in QUERY_VARIABLES.items())
# The Spark kernel's heap after a full collection (what is really kept) and as committed (what RSS
# follows: the JVM grows its heap towards -Xmx when it likes and does not give it back). Run at the
# marks only: a full collection pauses the queries for a moment.
HEAP_CELL = ("System.gc();\n"
             "var heap = java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();\n"
             'System.out.println("heap " + heap.getUsed() + " " + heap.getCommitted());')
STOP_CELL = "predictionQuery.stop();\nstatsQuery.stop();\nparquetQuery.stop();\nspark.stop();"


class LongRunFailure(Exception):
    pass


def spark_cells():
    import nbformat
    notebook = nbformat.read(REPO / "notebooks" / "spark.ipynb", as_version=4)
    cells = []
    for prefix, start_only in SPARK_CELLS:
        found = [cell.source for cell in notebook.cells if cell.cell_type == "code" and without_solution_markers(cell.source).startswith(prefix)]
        if len(found) != 1:
            raise LongRunFailure(f"spark.ipynb has {len(found)} code cells starting with {prefix!r}, expected 1")
        source = found[0]
        if start_only:
            end = source.find(".start();")
            if end < 0:
                raise LongRunFailure(f"spark.ipynb's cell {prefix!r} has no `.start();`")
            source = source[:end + len(".start();")]
        cells.append(source)
    return cells


def rss_mib(pid):
    result = subprocess.run(["ps", "-o", "rss=", "-p", str(pid)], capture_output=True, text=True)
    return int(result.stdout.strip()) / 1024 if result.stdout.strip() else float("nan")


def heap_mib(spark_kernel):
    """(live heap after a full collection, committed heap) of the Spark kernel, in MiB."""
    result = spark_kernel.execute(HEAP_CELL, timeout=120)
    match = re.search(r"heap (\d+) (\d+)", result.stream() if result.status == "ok" else "")
    if not match:
        raise LongRunFailure(f"reading the Spark kernel's heap failed: {result.error or result.stream()}")
    return int(match.group(1)) / 2**20, int(match.group(2)) / 2**20


def disk_mib(path):
    result = subprocess.run(["du", "-sk", str(path)], capture_output=True, text=True)
    return int(result.stdout.split()[0]) / 1024 if result.returncode == 0 and result.stdout else float("nan")


def broker_pid():
    output = subprocess.run([str(REPO / "streamlab"), "cluster", "status"], capture_output=True, text=True).stdout
    match = re.search(r"^kafka\s+running.*?\s(\d+)\s", output, re.MULTILINE)
    return int(match.group(1)) if match else None


def topic_records(topic):
    from kafka import KafkaConsumer, TopicPartition
    consumer = KafkaConsumer(bootstrap_servers=[kafka_bootstrap()])
    try:
        partitions = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic) or ()]
        return sum(consumer.end_offsets(partitions).values())
    finally:
        consumer.close()


def progress_time(progress):
    return datetime.datetime.fromisoformat(progress["timestamp"].replace("Z", "+00:00")).timestamp()


class Observations:
    """Everything seen during the run: Spark's progress per query (by batch id; an idle trigger repeats
    the last batch's id and numbers, so only the first report of a batch counts) and the samples."""

    def __init__(self):
        self.progress = {name: {} for name in QUERIES}
        self.samples = []   # (seconds since the start, {what: value})

    def add_progress(self, output):
        for line in output.splitlines():
            name, _, text = line.partition(" ")
            if name not in self.progress:
                continue
            if text.startswith("STOPPED"):
                raise LongRunFailure(f"the {name} query stopped: {text}")
            progress = json.loads(text)
            self.progress[name].setdefault(progress["batchId"], progress)

    def last_batch(self, name, until):
        batches = [p for p in self.progress[name].values() if progress_time(p) <= until]
        return max(batches, key=lambda p: p["batchId"]) if batches else None

    def batch_seconds(self, name, until, window=60):
        """Median triggerExecution of the batches with data that started in the window before `until`;
        with none there (a 1-minute trigger), the last batch with data before it."""
        with_data = [p for p in self.progress[name].values() if p["numInputRows"] > 0 and progress_time(p) <= until]
        recent = [p for p in with_data if progress_time(p) > until - window]
        if not recent and with_data:
            recent = [max(with_data, key=lambda p: p["batchId"])]
        return statistics.median(p["durationMs"]["triggerExecution"] / 1000 for p in recent) if recent else float("nan")


def figures(observations, started, mark_seconds, sample):
    """The row of figures at one mark."""
    until = started + mark_seconds
    row = {"minutes": mark_seconds / 60, **sample}
    for name in QUERIES:
        last = observations.last_batch(name, until)
        operators = last["stateOperators"] if last else []
        for number, operator in enumerate(operators, 1):
            label = f"{name} {operator['operatorName']}" + (f" {number}" if len(operators) > 1 else "")
            row[f"state rows: {label}"] = operator["numRowsTotal"]
            row[f"state MiB: {label}"] = operator["memoryUsedBytes"] / 2**20
        row[f"batch s: {name}"] = observations.batch_seconds(name, until)
        row[f"batches with data: {name}"] = sum(1 for p in observations.progress[name].values()
                                                if p["numInputRows"] > 0 and progress_time(p) <= until)
        if name == "forecast" and last:
            row["forecast watermark"] = last.get("eventTime", {}).get("watermark", "")[:10]
    return row


def run(minutes, producer_pause_ms, out):
    from streamlab_support.kafka_notebook import KafkaNotebookKernel
    from streamlab_support.kernel_session import KernelSession

    hdfs = hdfs_url()
    state = pathlib.Path(os.environ.get("STREAMLAB_STATE", REPO / ".streamlab"))
    workdir = pathlib.Path(tempfile.mkdtemp(prefix="streamlab-long-"))
    base = f"{hdfs}/streamlab/bench/long-{os.getpid()}"
    duration = minutes * 60
    observations = Observations()
    kafka_kernel = spark_kernel = None
    consumer_rounds = 0
    began = time.monotonic()
    try:
        print(f"==> long run: kafka.ipynb's producer (pause {producer_pause_ms} ms) and consumers", file=sys.stderr, flush=True)
        kafka_kernel = KafkaNotebookKernel(workdir, STREAMLAB_PRODUCER_PAUSE_MS=producer_pause_ms,
                                           STREAMLAB_CONSUMER_ITERATIONS=3, STREAMLAB_POLL_MS=500,
                                           STREAMLAB_SNAPSHOT_DIR=workdir)
        kafka_kernel.run("SETUP", "PRODUCER", "CONSUMER_DEFINITIONS", "CLEAN")

        print("==> long run: spark.ipynb's stats, forecast-to-parquet and prediction queries", file=sys.stderr, flush=True)
        # The first parquet file holds the backlog of the setup; on a busy machine it takes minutes.
        spark_kernel = KernelSession(env=dict(STREAMLAB_PARQUET_DIR=f"{base}/forecast.parquet",
                                              STREAMLAB_CHECKPOINT_DIR=f"{base}/checkpoints/forecast",
                                              STREAMLAB_PARQUET_WAIT="15m", STREAMLAB_FIRST_BATCH_WAIT="15m"),
                                     startup_timeout=180, cwd=str(workdir))
        for cell in spark_cells():
            result = spark_kernel.execute(cell, timeout=600)
            if result.status != "ok":
                raise LongRunFailure(f"spark.ipynb's cell failed:\n{cell}\n{result.error}\n{result.stream('stderr')[-3000:]}")
        setup_seconds = time.monotonic() - began
        broker = broker_pid()
        started = time.time()
        print(f"    all queries run after {setup_seconds:.0f} s of setup; measuring for {minutes:g} min", file=sys.stderr, flush=True)
        rows = []
        marks = [fraction * duration for fraction in MARKS]
        while marks:
            turn = time.monotonic()
            # kafka.ipynb's consumer cell (two rounds of three 500 ms polls), once every turn. One thread
            # talks to both kernels: a jupyter_client client is not safe to share between threads.
            kafka_kernel.run("ROUNDS", timeout=300)
            consumer_rounds += 1
            time.sleep(max(0.0, SAMPLE_SECONDS - (time.monotonic() - turn)))
            elapsed = time.time() - started
            result = spark_kernel.execute(PROGRESS_CELL, timeout=120)
            if result.status != "ok":
                raise LongRunFailure(f"reading the queries' progress failed: {result.error}")
            observations.add_progress(result.stream())
            if not kafka_kernel.alive():
                raise LongRunFailure("the kafka.ipynb kernel (producer, consumers) ended")
            if elapsed >= marks[0]:
                live, committed = heap_mib(spark_kernel)
                sample = {"reports in stations-json": topic_records("stations-json"),
                          "RSS MiB: spark kernel": rss_mib(spark_kernel.pid),
                          "heap MiB after a full GC: spark kernel": live,
                          "heap MiB committed: spark kernel": committed,
                          "RSS MiB: kafka kernel": rss_mib(kafka_kernel.pid),
                          "RSS MiB: broker": rss_mib(broker) if broker else float("nan"),
                          "disk MiB: broker": disk_mib(state / "data" / "kafka"),
                          "disk MiB: HDFS": disk_mib(state / "data" / "hdfs"),
                          "load average (1 min)": os.getloadavg()[0]}
                rows.append(figures(observations, started, marks.pop(0), sample))
                print(f"    at {rows[-1]['minutes']:.1f} min: " + ", ".join(f"{k} {fmt(v)}" for k, v in rows[-1].items()),
                      file=sys.stderr, flush=True)
        spark_kernel.execute(STOP_CELL, timeout=180)
        text = report(rows, minutes, producer_pause_ms, setup_seconds, consumer_rounds)
    finally:
        for kernel in (spark_kernel, kafka_kernel):
            if kernel is not None:
                kernel.close()
        subprocess.run([str(REPO / "streamlab"), "hdfs", "dfs", "-rm", "-r", "-f", "-skipTrash", base],
                       capture_output=True, text=True)
        shutil.rmtree(workdir, ignore_errors=True)
    print(text)
    if out:
        write_section(pathlib.Path(out), text, time.monotonic() - began, minutes, producer_pause_ms)
        print(f"\nwritten to {out}", file=sys.stderr)
    return text


def fmt(value):
    if isinstance(value, str):
        return value
    if isinstance(value, float):
        if value != value:
            return "—"
        return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.2f}"
    return f"{value:,}"


def report(rows, minutes, pause_ms, setup_seconds, consumer_rounds):
    """The table (one line per figure, one column per mark) and the target's verdicts."""
    names = []
    for row in rows:
        names += [name for name in row if name not in names and name != "minutes"]
    header = "| figure | " + " | ".join(f"{row['minutes']:g} min" for row in rows) + " |"
    lines = [header, "|---" * (len(rows) + 1) + "|"]
    for name in names:
        lines.append(f"| {name} | " + " | ".join(fmt(row.get(name, float("nan"))) for row in rows) + " |")
    reference = next(row for row in rows if abs(row["minutes"] - REFERENCE * minutes) < 1e-9)
    later = [row for row in rows if row["minutes"] > reference["minutes"]]
    checks = []
    for name in names:
        if not (name.startswith("state rows") or name.startswith("batch s") or name == "RSS MiB: spark kernel"
                or name.startswith("heap MiB after a full GC")):
            continue
        base = reference.get(name)
        values = [row.get(name) for row in later]
        if base is None or base != base or any(v is None or v != v for v in values):
            checks.append(f"- **not measured**: {name}")
            continue
        worst = max(abs(v - base) / base if base else (0 if v == base else float("inf")) for v in values)
        verdict = "met" if worst <= TOLERANCE else "**missed**"
        checks.append(f"- {verdict}: {name} within {TOLERANCE:.0%} of its {reference['minutes']:g}-minute value "
                      f"({fmt(base)}) — at most {worst:.0%} off")
    days = rows[-1]["reports in stations-json"] / 15
    return ("\n".join(lines)
            + f"\n\nSetup before the clock started: {setup_seconds:.0f} s (kernels, topics, the first parquet file, "
            f"the model). Producer pause {pause_ms} ms per day; {days:,.0f} days streamed by the end. "
            f"kafka.ipynb's consumer cell ran {consumer_rounds} times.\n\nTargets (state rows, batch time, the Spark "
            f"kernel's RSS and its heap after a full GC, after the first minutes within {TOLERANCE:.0%} of their {REFERENCE * minutes:g}-minute values):\n"
            + "\n".join(checks))


def write_section(out, text, seconds, minutes, pause_ms):
    """Puts the long run's section into RESULTS.md, replacing an older one and keeping the rest."""
    load = os.getloadavg()
    command = f"./streamlab bench --long --minutes {minutes:g}" + (f" --producer-pause-ms {pause_ms}" if pause_ms != 20 else "")
    results_file.replace_section(
        out, SECTION, f"- date: {datetime.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')}; "
        f"command: `{command}` ({seconds:.0f} s)\n- load average at the end {load[0]:.1f} / {load[1]:.1f} / "
        f"{load[2]:.1f} (1/5/15 min) on {os.cpu_count()} cores shared with other work\n\n{text}\n")
