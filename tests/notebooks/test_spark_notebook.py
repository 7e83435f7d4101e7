"""notebooks/spark.ipynb under nbconvert against the local cluster while a producer runs, checked
from outside: the topic read back with kafka-python is the reference. The printed stats table must
equal the statistics recomputed from it; every row of the parquet dataset on HDFS (read with the
plain Parquet reader) must equal the day's rain and the two previous days' weather in it; the printed
tree, applied here in Python, must give the printed predictions for station A and an accuracy close
to the printed one. Malformed messages in the topic must be skipped, not stop the streams."""
import datetime
import json
import re
import subprocess

import pytest
from kafka import KafkaProducer

from streamlab_support.kafka_notebook import KafkaNotebookKernel
from streamlab_support.notebook_runner import cell_starting_with, cell_text, error_outputs, execute_notebook
from streamlab_support import REPO, child_environment, hdfs_url, kafka_bootstrap, lib_classpath, wait_until
from streamlab_support.weather_topic import float32, forecast_row, json_weather, read_partitions

STATIONS = set("ABCDEFGHIJKLMNO")
NUMBER = r"(-?[\d.]+(?:E-?\d+)?)"
STATS_ROW = re.compile(r"^\|\s*([A-Z])\|(\d{4}-\d\d-\d\d)\|(\d{4}-\d\d-\d\d)\|\s*(\d+)\|\s*" + NUMBER + r"\|\s*" + NUMBER + r"\|$")
FEATURE_COLUMNS = ["month", "sub1degrees", "sub1raining", "sub2degrees", "sub2raining"]
# A message that is not JSON, one whose date does not exist, one without degrees and raining.
BAD_MESSAGES = [b"not json at all", b'{"station":"B","date":"2000-13-45","degrees":50.0,"raining":0}',
                b'{"station":"C","date":"2000-01-02"}']


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


def kafka(deployment):
    """The deployment's broker, else this process's (the local cluster's)."""
    return deployment.env.get("STREAMLAB_KAFKA") or kafka_bootstrap()


def hdfs(deployment):
    return deployment.env.get("STREAMLAB_HDFS") or hdfs_url()


def parquet_dir(deployment):
    return f"{hdfs(deployment)}/streamlab/test/forecast.parquet"


@pytest.fixture(scope="module")
def bad_messages(deployment, producer):
    """Malformed messages among the producer's, sent with kafka-python after the producer made the topic."""
    sender = KafkaProducer(bootstrap_servers=[kafka(deployment)], acks="all")
    try:
        for value in BAD_MESSAGES:
            sender.send("stations-json", key=b"A", value=value).get(timeout=30)
    finally:
        sender.close()
    return BAD_MESSAGES


@pytest.fixture(scope="module")
def run(deployment, producer, bad_messages, tmp_path_factory):
    workdir = tmp_path_factory.mktemp(f"spark-notebook-{deployment.name}")
    notebook = execute_notebook(
        "spark.ipynb", workdir, **deployment.env,
        STREAMLAB_STATS_TRIGGER="5s", STREAMLAB_STATS_DURATION="10s",
        STREAMLAB_PARQUET_TRIGGER="15s", STREAMLAB_PARQUET_WAIT="4m",
        STREAMLAB_PREDICTION_TRIGGER="5s", STREAMLAB_PREDICTION_DURATION="15s",
        STREAMLAB_FIRST_BATCH_WAIT="4m",
        STREAMLAB_PARQUET_DIR=parquet_dir(deployment),
        STREAMLAB_CHECKPOINT_DIR=f"{hdfs(deployment)}/streamlab/test/checkpoints/forecast")
    assert producer.poll() is None, "the producer stopped while the notebook ran"
    return notebook


@pytest.fixture(scope="module")
def topic(run, deployment):
    """The reference, read after the notebook ran: {station: {date: (degrees, raining)}} of the well-formed
    messages, and the raw values of the malformed ones."""
    return json_weather(read_partitions("stations-json", lambda value: value, kafka(deployment)))


@pytest.fixture(scope="module")
def parquet_listing(run, deployment):
    """What the plain Parquet reader prints for the dataset on HDFS (see ParquetFooter.java), line by line."""
    result = subprocess.run(
        ["java", "-Xmx256m", "-cp", lib_classpath(), str(REPO / "tests" / "notebooks" / "ParquetFooter.java"),
         parquet_dir(deployment)],
        capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.splitlines()
    assert any(line.startswith("file part-") for line in lines), result.stdout[:3000]
    return lines


@pytest.fixture(scope="module")
def parquet(parquet_listing):
    """The stored Spark schema and every row."""
    schema = json.loads(next(line for line in parquet_listing if line.startswith("schema "))[len("schema "):])
    rows = [json.loads(line[len("row "):]) for line in parquet_listing if line.startswith("row ")]
    return schema, rows


@pytest.fixture(scope="module")
def files_rows(parquet_listing):
    """Every parquet file's rows, in the order the sink wrote the files."""
    files = []
    for line in parquet_listing:
        if line.startswith("rows-of "):
            files.append([])
        elif line.startswith("row "):
            files[-1].append(json.loads(line[len("row "):]))
    return files


def printed_tree(text):
    """The tree toDebugString printed, as nested tuples: ("leaf", prediction) or ("split", feature, threshold, left, right)."""
    lines = text[text.index("DecisionTreeClassificationModel"):].splitlines()[1:]
    position = 0

    def node():
        nonlocal position
        line = lines[position].strip()
        position += 1
        if line.startswith("Predict: "):
            return ("leaf", float(line[len("Predict: "):]))
        split = re.fullmatch(r"If \(feature (\d+) <= ([-\d.E]+)\)", line)
        assert split, f"not a numeric split: {line!r}"
        left = node()
        assert lines[position].strip().startswith(f"Else (feature {split.group(1)} > "), lines[position]
        position += 1
        return ("split", int(split.group(1)), float(split.group(2)), left, node())

    return node()


def predict(tree, row):
    vector = [row[column] for column in FEATURE_COLUMNS]
    while tree[0] == "split":
        _, feature, threshold, left, right = tree
        tree = left if vector[feature] <= threshold else right
    return tree[1]


def all_output(run):
    return "".join(cell_text(cell) for cell in run.cells if cell.cell_type == "code")


def test_the_notebook_runs_without_errors(run):
    assert error_outputs(run) == []


def test_malformed_messages_were_in_the_topic_and_skipped(topic):
    _, malformed = topic
    assert sorted(malformed) == sorted(BAD_MESSAGES)


def test_the_stats_table_equals_the_stats_recomputed_from_the_topic(run, topic):
    weather, _ = topic
    printed = cell_text(cell_starting_with(run, "StreamingQuery statsQuery = stats.writeStream()"))
    header = next(line for line in printed.splitlines() if line.startswith("|station|"))
    assert [column.strip() for column in header.strip("|").split("|")] == \
        ["station", "start", "end", "measurements", "avg", "max"]
    last_batch = printed.rsplit("Batch:", 1)[1]
    rows = [STATS_ROW.match(line) for line in last_batch.splitlines()]
    rows = {row.group(1): row for row in rows if row}
    assert set(rows) == STATIONS, last_batch
    for station, row in rows.items():
        start, end = (datetime.date.fromisoformat(text) for text in row.group(2, 3))
        measurements, average, maximum = int(row.group(4)), float(row.group(5)), float(row.group(6))
        # A station reports its days in order into one partition, so a batch has seen exactly its days up to `end`.
        seen = [degrees for date, (degrees, _) in weather[station].items() if date <= end]
        assert start == min(weather[station]) == datetime.date(2000, 1, 1), row.group(0)
        assert measurements == len(seen) == (end - start).days + 1, row.group(0)
        assert average == pytest.approx(sum(seen) / len(seen), rel=1e-9), row.group(0)
        assert maximum == pytest.approx(max(seen), rel=1e-9), row.group(0)


def test_every_forecast_row_on_hdfs_is_the_days_rain_and_the_two_previous_days(parquet, topic):
    schema, rows = parquet
    columns = {field["name"]: field["type"] for field in schema["fields"]}
    assert columns == {"station": "string", "date": "date", "raining": "integer", "month": "integer",
                       "sub1degrees": "float", "sub1raining": "integer",
                       "sub2degrees": "float", "sub2raining": "integer"}
    weather, _ = topic
    assert len(rows) > 100, f"only {len(rows)} rows"
    keys = set()
    for row in rows:
        date = datetime.date(1970, 1, 1) + datetime.timedelta(days=row["date"])
        keys.add((row["station"], date))
        expected = forecast_row(weather, row["station"], date)
        assert expected is not None, f"{row}: the topic lacks a previous day"
        assert row["raining"] == weather[row["station"]][date][1], row
        assert {column: row[column] if "degrees" not in column else float32(row[column])
                for column in FEATURE_COLUMNS} == expected, row
    assert len(keys) == len(rows), "a (station, date) is in the dataset twice"


def test_the_printed_accuracy_is_what_the_printed_tree_scores_on_the_dataset(run, files_rows):
    text = all_output(run)
    tree = printed_tree(text)
    assert tree[0] == "split", "the tree is a single leaf"
    accuracy = re.search(r"\|\s*avg\(correct\)\|\s*avg\(raining\)\|\s*\n\+[-+]+\+\s*\n\|\s*([\d.E-]+)\|\s*([\d.E-]+)\|", text)
    assert accuracy, "no avg(correct) | avg(raining) table"
    correct, raining = float(accuracy.group(1)), float(accuracy.group(2))
    # The notebook read the files the sink had written by then: the first ones, as many rows as it
    # split into train and test. It scored a random 20 % of them; all of them must score about the
    # same with the same tree. (Later files hold later seasons, with another rain rate.)
    split = re.search(r"(\d+) rows to train on, (\d+) to test with", text)
    assert split, "no train/test row counts"
    read = int(split.group(1)) + int(split.group(2))
    rows = []
    for file_rows in files_rows:
        if len(rows) >= read:
            break
        rows += file_rows
    assert len(rows) == read, f"the first parquet files hold {len(rows)} rows, not the {read} the notebook read"
    recomputed = sum(predict(tree, row) == row["raining"] for row in rows) / len(rows)
    rain_rate = sum(row["raining"] for row in rows) / len(rows)
    assert correct == pytest.approx(recomputed, abs=0.1), (correct, recomputed)
    assert raining == pytest.approx(rain_rate, abs=0.1), (raining, rain_rate)
    # The lesson's point: the tree beats always saying "dry".
    assert recomputed > 1 - rain_rate, (recomputed, rain_rate)


def test_the_predictions_for_station_a_are_the_printed_trees(run, topic):
    weather, _ = topic
    text = all_output(run)
    tree = printed_tree(text)
    printed = cell_text(cell_starting_with(run, "StreamingQuery predictionQuery"))
    assert "|station|      date|prediction|" in printed
    predictions = re.findall(r"^\|\s*([A-Z])\|(\d{4}-\d\d-\d\d)\|\s*([01]\.0)\|$", printed, re.MULTILINE)
    assert predictions, "no prediction rows"
    for station, date, prediction in predictions:
        assert station == "A"
        row = forecast_row(weather, "A", datetime.date.fromisoformat(date))
        assert row is not None, f"a prediction for {date} without both previous days in the topic"
        assert predict(tree, row) == float(prediction), (date, row, prediction)
