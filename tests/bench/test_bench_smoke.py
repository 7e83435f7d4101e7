"""./streamlab bench, once, with small sizes, against the cluster the test run started: every
benchmark still runs and the table has every row with positive numbers, so the bench cannot rot.
The bench itself fails (and so this test) when the Java and Python consumers' summaries differ."""
import re
import subprocess

from streamlab_testing import REPO, child_environment

EXPECTED_ROWS = [
    "Kafka ProducerPerformance (broker ceiling)",
    "kafka.ipynb producer cells",
    "seed Python producer (kafka-python 2.0.2)",
    "plain Java consumer, counting only",
    "kafka.ipynb consumer cells (exactly once)",
    "seed Python consumer (kafka-python, protobuf)",
    "start to first result (`1 + 1`)",
    "trivial cell round trip (median of 20)",
    "trivial cell round trip, kernel listeners off (median of 20)",
    "stream without a live panel",
    "stream with its live panel",
    "`%kafka tail TOPIC 20`, warm kernel",
    "stats query (spark.ipynb's `stats`)",
    "forecast query (spark.ipynb's `forecastRows`, 2 stream-stream joins)",
    "stats query, sustained",
    "forecast query, sustained",
    "stats freshness, median report",
    "stats freshness, slowest report",
    "kafka.ipynb under nbconvert",
    "spark.ipynb under nbconvert",
    "peak RSS, kernel JVM",
    "peak RSS, kafka JVM",
    "peak RSS, namenode JVM",
    "peak RSS, datanode JVM",
]


def number(text):
    return float(text.replace(",", ""))


def test_every_benchmark_runs_once_and_reports_positive_numbers(tmp_path):
    out = tmp_path / "RESULTS.md"
    result = subprocess.run(["/usr/bin/python3", str(REPO / "bench" / "streamlab_bench.py"), "--smoke", "--out", str(out)],
                            capture_output=True, text=True, cwd=REPO, env=child_environment(), timeout=900)
    assert result.returncode == 0, f"the bench failed:\n{result.stderr[-5000:]}"
    rows = {}
    for line in result.stdout.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 8 and cells[0] not in ("group", "---"):
            rows[re.sub(r" — .*$", "", cells[1])] = cells
    assert sorted(rows) == sorted(EXPECTED_ROWS), result.stdout
    for name, cells in rows.items():
        median, low, high = (number(cell) for cell in cells[4:7])
        assert 0 < low <= median <= high, f"{name}: {cells}"
    written = out.read_text()
    assert "cores" in written and "| Producer |" in written and "Targets:" in written
