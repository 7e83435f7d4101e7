"""./streamlab bench, once, with small sizes, against the cluster the test run started: every
benchmark still runs and the table has every row with positive numbers, so the bench cannot rot.
The bench itself fails (and so this test) when the Java and Python consumers' summaries differ."""
import json
import subprocess

from streamlab_support import REPO, child_environment

# The rows by their stable ids (bench/streamlab_bench.py's Row.id); their labels may change freely.
EXPECTED_ROWS = [
    "producer.ceiling",
    "producer.notebook",
    "producer.python",
    "consumer.counting",
    "consumer.notebook",
    "consumer.python",
    "kernel.first_result",
    "kernel.round_trip",
    "kernel.round_trip_listeners_off",
    "kernel.stream_without_panel",
    "kernel.stream_with_panel",
    "kernel.kafka_tail",
    "spark.stats",
    "spark.forecast",
    "spark.stats_sustained",
    "spark.forecast_sustained",
    "spark.freshness_median",
    "spark.freshness_slowest",
    "e2e.kafka_notebook",
    "e2e.spark_notebook",
    "e2e.peak_rss.kernel",
    "e2e.peak_rss.kafka",
    "e2e.peak_rss.namenode",
    "e2e.peak_rss.datanode",
]


def test_every_benchmark_runs_once_and_reports_positive_numbers(tmp_path):
    out, rows_json = tmp_path / "RESULTS.md", tmp_path / "rows.json"
    result = subprocess.run(["/usr/bin/python3", str(REPO / "bench" / "streamlab_bench.py"), "--smoke", "--out", str(out),
                             "--json", str(rows_json)],
                            capture_output=True, text=True, cwd=REPO, timeout=900,
                            env=child_environment(PYTHONPATH=f"{REPO / 'python'}:{REPO / 'bench' / 'python'}"))
    assert result.returncode == 0, f"the bench failed:\n{result.stderr[-5000:]}"
    rows = {row["id"]: row for row in json.loads(rows_json.read_text())}
    assert sorted(rows) == sorted(EXPECTED_ROWS), result.stdout
    for row_id, row in rows.items():
        assert row["values"] and min(row["values"]) > 0, f"{row_id}: {row}"
    # The table shows every row once, by its label.
    labels = [cells[1] for cells in table_rows(result.stdout)]
    for row in rows.values():
        assert sum(label == row["name"] or label.startswith(row["name"] + " — ") for label in labels) == 1, \
            f"{row['id']} ({row['name']!r}) is not in the table once:\n{result.stdout}"
    written = out.read_text()
    assert "cores" in written and "| Producer |" in written and "Targets:" in written


def table_rows(text):
    """The cells of the markdown table's data rows."""
    rows = []
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) == 8 and cells[0] not in ("group", "---"):
            rows.append(cells)
    return rows
