"""notebooks/spark.ipynb under nbconvert against the local cluster while a producer runs, checked
from outside: the printed stats table, the parquet dataset on HDFS, the tree, the accuracy table
and the predictions for station A."""
import json
import re
import subprocess
import threading

import pytest

from kafka_notebook import KafkaNotebookKernel
from notebook_runner import cell_starting_with, cell_text, error_outputs, execute_notebook
from streamlab_testing import REPO, child_environment, lib_classpath, stop_process, wait_until

STATIONS = set("ABCDEFGHIJKLMNO")
STATS_ROW = re.compile(r"^\|\s*([A-Z])\|(\d{4}-\d\d-\d\d)\|(\d{4}-\d\d-\d\d)\|\s*(\d+)\|\s*([-\d.E]+)\|\s*([-\d.E]+)\|$")


@pytest.fixture(scope="module")
def producer(deployment, tmp_path_factory):
    """kafka.ipynb's own Part 1 (fresh topics, the producer thread) in a kernel left running, as a user
    leaves kafka.ipynb running while working in spark.ipynb — faster than one day a second."""
    kernel = KafkaNotebookKernel(tmp_path_factory.mktemp(f"kafka-producer-{deployment.name}"),
                                 **deployment.env, STREAMLAB_PRODUCER_PAUSE_MS=200)
    try:
        kernel.run("SETUP", "PRODUCER")
        yield kernel
    finally:
        kernel.close()


def parquet_dir(deployment):
    hdfs = deployment.env.get("STREAMLAB_HDFS", "hdfs://localhost:9000")
    return f"{hdfs}/streamlab/test/forecast.parquet"


@pytest.fixture(scope="module")
def run(deployment, producer, tmp_path_factory):
    hdfs = deployment.env.get("STREAMLAB_HDFS", "hdfs://localhost:9000")
    workdir = tmp_path_factory.mktemp(f"spark-notebook-{deployment.name}")
    notebook = execute_notebook(
        "spark.ipynb", workdir, **deployment.env,
        STREAMLAB_STATS_TRIGGER="5s", STREAMLAB_STATS_DURATION="10s",
        STREAMLAB_PARQUET_TRIGGER="15s", STREAMLAB_PARQUET_WAIT="4m",
        STREAMLAB_PREDICTION_TRIGGER="5s", STREAMLAB_PREDICTION_DURATION="15s",
        STREAMLAB_FIRST_BATCH_WAIT="4m",
        STREAMLAB_PARQUET_DIR=parquet_dir(deployment),
        STREAMLAB_CHECKPOINT_DIR=f"{hdfs}/streamlab/test/checkpoints/forecast")
    assert producer.poll() is None, "the producer stopped while the notebook ran"
    return notebook


def test_the_notebook_runs_without_errors(run):
    assert error_outputs(run) == []


def test_the_stats_table_has_six_columns_and_fifteen_plausible_stations(run):
    printed = cell_text(cell_starting_with(run, "Dataset<Row> stats = StationStats.of(weather)"))
    assert "|station|     start|       end|measurements|" in printed
    header = next(line for line in printed.splitlines() if line.startswith("|station|"))
    assert [column.strip() for column in header.strip("|").split("|")] == \
        ["station", "start", "end", "measurements", "avg", "max"]
    last_batch = printed.rsplit("Batch:", 1)[1]
    rows = [STATS_ROW.match(line) for line in last_batch.splitlines()]
    rows = {row.group(1): row for row in rows if row}
    assert set(rows) == STATIONS
    for station, row in rows.items():
        start, end, measurements, average, maximum = row.group(2, 3, 4, 5, 6)
        assert start == "2000-01-01"
        assert end >= start and int(measurements) >= 1
        assert -50 < float(average) <= float(maximum) < 200, row.group(0)


def test_the_forecast_dataset_on_hdfs_has_the_joins_columns_and_types(run, deployment):
    result = subprocess.run(
        ["java", "-Xmx256m", "-cp", lib_classpath(), str(REPO / "tests" / "notebooks" / "ParquetFooter.java"),
         parquet_dir(deployment)],
        capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.splitlines()
    assert any(line.startswith("file part-") for line in lines), result.stdout
    schema = json.loads(next(line for line in lines if line.startswith("schema "))[len("schema "):])
    columns = {field["name"]: field["type"] for field in schema["fields"]}
    assert columns == {"station": "string", "date": "date", "raining": "integer", "month": "integer",
                       "sub1degrees": "float", "sub1raining": "integer",
                       "sub2degrees": "float", "sub2raining": "integer"}


def test_the_tree_and_the_accuracy_are_printed(run):
    text = "".join(cell_text(cell) for cell in run.cells if cell.cell_type == "code")
    assert "DecisionTreeClassificationModel" in text and "If (feature" in text
    accuracy = re.search(r"\|\s*avg\(correct\)\|\s*avg\(raining\)\|\s*\n\+[-+]+\+\s*\n\|\s*([\d.E-]+)\|\s*([\d.E-]+)\|", text)
    assert accuracy, "no avg(correct) | avg(raining) table"
    correct, raining = float(accuracy.group(1)), float(accuracy.group(2))
    assert 0 <= correct <= 1 and 0 <= raining <= 1


def test_predictions_for_station_a_stream_to_the_console(run):
    text = "".join(cell_text(cell) for cell in run.cells if cell.cell_type == "code")
    assert "|station|      date|prediction|" in text
    predictions = re.findall(r"^\|\s*([A-Z])\|\d{4}-\d\d-\d\d\|\s*([01]\.0)\|$", text, re.MULTILINE)
    assert predictions, "no prediction rows"
    assert {station for station, _ in predictions} == {"A"}
