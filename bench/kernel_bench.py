"""Benchmark of the `java` kernel (not a test): start-up and a trivial cell's round trip.

    PYTHONPATH=python /usr/bin/python3 bench/kernel_bench.py [--starts 3] [--cells 300]

Prints: kernel start (start_kernel called) to first result of `1 + 1`, and the round trip
(execute_request sent to execute_reply received, idle seen) of the trivial cell `1`.
"""
import argparse
import os
import statistics
import time

os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")

from streamlab_support.kernel_session import KernelSession


def start_to_first_result():
    t0 = time.monotonic()
    session = KernelSession()
    try:
        ready = time.monotonic() - t0
        assert session.ok("1 + 1").text == "2"
        return ready, time.monotonic() - t0, session.pid
    finally:
        session.close()


LISTENERS_OFF = {"STREAMLAB_KERNEL_LISTENERS": "off"}


def round_trips(n, env=None):
    """`env`: e.g. LISTENERS_OFF, the kernel without its query panels and job bars."""
    session = KernelSession(env=env)
    try:
        session.ok("1")  # warm-up
        times = []
        for _ in range(n):
            t0 = time.monotonic()
            r = session.execute("1")
            times.append(time.monotonic() - t0)
            assert r.text == "1"
        rss_kib = rss_of(session.pid)
        return times, rss_kib
    finally:
        session.close()


def spark_figures():
    session = KernelSession()
    try:
        t0 = time.monotonic()
        session.ok('import org.apache.spark.sql.*;\n'
                   'SparkSession spark = SparkSession.builder().master("local[2]").appName("bench")'
                   '.config("spark.ui.enabled", "false").getOrCreate();', timeout=300)
        created = time.monotonic() - t0
        t1 = time.monotonic()
        session.ok('spark.range(0, 1_000_000).selectExpr("id % 15 as s").groupBy("s").count().collectAsList().size()',
                   timeout=300)
        first_query = time.monotonic() - t1
        t2 = time.monotonic()
        session.ok('spark.range(0, 1_000_000).selectExpr("id % 15 as s").groupBy("s").count().collectAsList().size()',
                   timeout=300)
        second_query = time.monotonic() - t2
        return created, first_query, second_query, rss_of(session.pid)
    finally:
        session.close()


def stream_rows_per_second(panel, seconds=10, rows_per_batch=2000):
    """Rows/s of a rate-micro-batch -> noop query run flat out for `seconds`, with the kernel's live
    panel or without it (the kernel started with its listeners off; a session's own listener
    setting no longer removes the kernel's)."""
    session = KernelSession(env=None if panel else LISTENERS_OFF)
    try:
        session.ok('import org.apache.spark.sql.*;\nimport org.apache.spark.sql.streaming.*;\n'
                   'SparkSession spark = SparkSession.builder().master("local[2]").appName("bench-panel")'
                   '.config("spark.ui.enabled", "false").getOrCreate();', timeout=300)
        r = session.ok(f"""\
StreamingQuery q = spark.readStream().format("rate-micro-batch").option("rowsPerBatch", {rows_per_batch}).load()
    .writeStream().format("noop").start();
long t0 = System.nanoTime();
while (q.lastProgress() == null) Thread.sleep(10);
long firstBatch = q.lastProgress().batchId();
long t1 = System.nanoTime();
Thread.sleep({seconds * 1000});
long lastBatch = q.lastProgress().batchId();
long t2 = System.nanoTime();
q.stop();
(lastBatch - firstBatch) * {rows_per_batch} / ((t2 - t1) / 1e9)""", timeout=seconds + 300)
        shown_panels = [m for _, m in session.seen if m["msg_type"] == "display_data"
                        and m["content"]["transient"].get("display_id", "").startswith("streamlab-query-")]
        assert bool(shown_panels) == panel, "the panel is there exactly when asked for"
        return float(r.text)
    finally:
        session.close()


def kafka_tail_seconds(topic, n=20, repeats=5):
    """Wall time of `%kafka tail TOPIC N` on a warm kernel (after one untimed tail)."""
    session = KernelSession()
    try:
        session.ok(f"%kafka tail {topic} {n}", timeout=60)
        times = []
        for _ in range(repeats):
            t0 = time.monotonic()
            session.ok(f"%kafka tail {topic} {n}", timeout=60)
            times.append(time.monotonic() - t0)
        return times
    finally:
        session.close()


def rss_of(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--starts", type=int, default=3)
    parser.add_argument("--cells", type=int, default=300)
    parser.add_argument("--spark", action="store_true", help="also time a SparkSession and a query in local mode")
    parser.add_argument("--panel", action="store_true", help="also a stream's rows/s with and without its live panel")
    parser.add_argument("--kafka-tail", metavar="TOPIC", help="also time %%kafka tail TOPIC 20 on a warm kernel")
    args = parser.parse_args()

    starts = [start_to_first_result() for _ in range(args.starts)]
    for ready, first, _ in starts:
        print(f"kernel ready {ready:.2f} s, first result {first:.2f} s")
    print(f"start to first result: median {statistics.median(s[1] for s in starts):.2f} s over {args.starts} starts")

    times, rss_kib = round_trips(args.cells)
    ms = sorted(t * 1000 for t in times)
    print(f"trivial cell round trip over {len(ms)} cells: median {statistics.median(ms):.1f} ms, "
          f"p90 {ms[int(len(ms) * 0.9)]:.1f} ms, min {ms[0]:.1f} ms, max {ms[-1]:.1f} ms")
    print(f"kernel RSS after the cells (no Spark): {rss_kib / 1024:.0f} MiB")
    if args.spark:
        created, first, second, rss = spark_figures()
        print(f"Spark local[2]: SparkSession {created:.1f} s, first group-by query {first:.1f} s, "
              f"second {second:.1f} s, kernel RSS {rss / 1024:.0f} MiB")
    if args.panel:
        with_panel, without = stream_rows_per_second(True), stream_rows_per_second(False)
        print(f"stream rows/s: with panel {with_panel:,.0f}, without {without:,.0f} "
              f"(ratio {with_panel / without:.3f})")
    if args.kafka_tail:
        times = kafka_tail_seconds(args.kafka_tail)
        print(f"%kafka tail {args.kafka_tail} 20: median {statistics.median(times) * 1000:.0f} ms "
              f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f})")
    print(f"load average during the run: {os.getloadavg()}")


if __name__ == "__main__":
    main()
