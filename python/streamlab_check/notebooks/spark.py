"""spark.ipynb — the weather project's Parts 3 and 4, the seed's rubric points 7–10.

While it runs, kafka.ipynb's own producer cells (the solution's, whatever the student's kafka
notebook does) fill `stations-json` in a second kernel, as the course has students leave kafka.ipynb
running. Checked from outside: `stations-json` read back with kafka-python is the reference; the
printed stats table is compared with statistics recomputed from it; the parquet dataset on HDFS is
read with a plain Parquet reader (ParquetFooter.java, no Spark) and every row recomputed; the
accuracy is recomputed from the notebook's own test predictions (read by a probe in its kernel) and
the printed tree; the streamed predictions are the printed tree applied to the topic's weather.
"""
from __future__ import annotations

import datetime
import json
import math
import os
import re
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from .. import kafka_cells
from ..endpoints import hdfs_url, kafka_bootstrap
from ..execution import KERNEL_NAME, Execution, Probe
from ..paths import REPO, lib_classpath
from ..rubric import Criterion, Result
from ..weather_topic import float32, forecast_row, json_weather, read_partitions, topic_partitions

NAME = "spark"
SERVICES = frozenset({"kafka", "hdfs"})

JSON_TOPIC = "stations-json"
STATIONS = set("ABCDEFGHIJKLMNO")
NUMBER = r"(-?[\d.]+(?:E-?\d+)?)"
STATS_COLUMNS = ["station", "start", "end", "measurements", "avg", "max"]
STATS_ROW = re.compile(r"^\|\s*([A-Z])\|(\d{4}-\d\d-\d\d)\|(\d{4}-\d\d-\d\d)\|\s*(\d+)\|\s*" + NUMBER + r"\|\s*" + NUMBER + r"\|$")
PREDICTION_ROW = re.compile(r"^\|\s*([A-Z])\|(\d{4}-\d\d-\d\d)\|\s*([01]\.0)\|$", re.MULTILINE)
FEATURE_COLUMNS = ["month", "sub1degrees", "sub1raining", "sub2degrees", "sub2raining"]
FORECAST_SCHEMA = {"station": "string", "date": "date", "raining": "integer", "month": "integer",
                   "sub1degrees": "float", "sub1raining": "integer", "sub2degrees": "float", "sub2raining": "integer"}
CHECKPOINT_PARTS = {"offsets", "commits", "sources", "state", "metadata"}

STATS = Criterion("spark.stats", "7. Stats per station streamed to the console", 1)
PARQUET = Criterion("spark.parquet", "8. Forecast training data streamed to parquet files", 1)
MODEL = Criterion("spark.model", "9. Model trained on training data, evaluated on test data", 1)
PREDICTIONS = Criterion("spark.predictions", "10. Predictions for station A streamed to the console", 1)

PROBES = [Probe(
    name="test-predictions", after="predictions",
    # The rows the notebook scored its model on, with its predictions; the vectors are left out.
    code='predictions.drop("features", "rawPrediction", "probability").toJSON().collectAsList()'
         '.forEach(row -> System.out.println(row));')]


def criteria() -> list[Criterion]:
    return [STATS, PARQUET, MODEL, PREDICTIONS]


def environment(workdir: Path) -> dict[str, str]:
    """The tests' run lengths, and this run's own parquet and checkpoint directories on HDFS."""
    run = f"{hdfs_url()}/streamlab/check/{workdir.name}"
    return {
        "STREAMLAB_STATS_TRIGGER": "5s", "STREAMLAB_STATS_DURATION": "10s",
        "STREAMLAB_PARQUET_TRIGGER": "15s", "STREAMLAB_PARQUET_WAIT": "4m",
        "STREAMLAB_PREDICTION_TRIGGER": "5s", "STREAMLAB_PREDICTION_DURATION": "15s",
        "STREAMLAB_FIRST_BATCH_WAIT": "4m",
        "STREAMLAB_PARQUET_DIR": f"{run}/forecast.parquet",
        "STREAMLAB_CHECKPOINT_DIR": f"{run}/checkpoints/forecast",
        # for kafka.ipynb's producer in supply(): faster than one day a second
        "STREAMLAB_PRODUCER_PAUSE_MS": "200",
    }


@contextmanager
def supply(environment: dict[str, str]):
    """kafka.ipynb's Part 1 (fresh topics, the producer thread) in its own kernel, left running while
    spark.ipynb runs, as a student leaves kafka.ipynb running."""
    cells = [*kafka_cells.groups()["SETUP"], *kafka_cells.groups()["PRODUCER"]]
    producer = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in cells])
    with tempfile.TemporaryDirectory(prefix="streamlab-check-producer-") as workdir:
        client = NotebookClient(producer, kernel_name=KERNEL_NAME, timeout=300, startup_timeout=120,
                                resources={"metadata": {"path": workdir}})
        kernel_environment = {**os.environ, **environment}
        with client.setup_kernel(env=kernel_environment):
            for index, cell in enumerate(producer.cells):
                client.execute_cell(cell, index)
            yield


# ---------------------------------------------------------------------------------------------
# What the run left, read from outside



class Evidence:
    def __init__(self, execution: Execution):
        self.execution = execution
        self.output = execution.output()
        self.parquet_dir = execution.environment["STREAMLAB_PARQUET_DIR"]
        self.weather, self.malformed = self._topic()
        self.listing, self.listing_error = parquet_listing(self.parquet_dir)
        self.tree, self.tree_error = self._tree()

    def _topic(self):
        """{station: {date: (degrees, raining)}} of the well-formed messages, and the malformed ones."""
        kafka = kafka_bootstrap(self.execution.environment)
        count = topic_partitions(JSON_TOPIC, kafka)
        if not count:
            return {}, []
        records = read_partitions(JSON_TOPIC, lambda value: value, kafka, partitions=range(count))
        return json_weather(records, duplicates_fail=False)

    def _tree(self):
        if "DecisionTreeClassificationModel" not in self.output:
            return None, "no decision tree was printed (toDebugString)" + self.execution.where_it_stopped()
        try:
            return printed_tree(self.output), None
        except (ValueError, IndexError, AssertionError) as e:
            return None, f"the printed tree could not be read: {e}"

    def stopped(self):
        return self.execution.where_it_stopped()

    def rows(self):
        return [json.loads(line[len("row "):]) for line in self.listing if line.startswith("row ")]

    def files_rows(self):
        files = []
        for line in self.listing:
            if line.startswith("rows-of "):
                files.append([])
            elif line.startswith("row ") and files:
                files[-1].append(json.loads(line[len("row "):]))
        return files


def parquet_listing(directory):
    """What the plain Parquet reader prints for `directory` (see ParquetFooter.java), or an error."""
    result = subprocess.run(
        ["java", "-Xmx256m", "-cp", lib_classpath(), str(REPO / "python" / "streamlab_check" / "ParquetFooter.java"),
         directory], capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        return [], f"the Parquet reader failed on {directory}: {result.stderr.strip()[-500:]}"
    return result.stdout.splitlines(), None



def printed_tree(text):
    """The tree toDebugString printed, as nested tuples: ("leaf", prediction) or ("split", feature, threshold, left, right)."""
    lines = text[text.rindex("DecisionTreeClassificationModel"):].splitlines()[1:]
    position = 0

    def node():
        nonlocal position
        line = lines[position].strip()
        position += 1
        if line.startswith("Predict: "):
            return ("leaf", float(line[len("Predict: "):]))
        split = re.fullmatch(r"If \(feature (\d+) <= ([-\d.E]+)\)", line)
        if not split:
            raise ValueError(f"not a numeric split: {line!r}")
        left = node()
        if not lines[position].strip().startswith(f"Else (feature {split.group(1)} > "):
            raise ValueError(f"no Else for {line!r}")
        position += 1
        return ("split", int(split.group(1)), float(split.group(2)), left, node())

    return node()


def predict(tree, row):
    vector = [row[column] for column in FEATURE_COLUMNS]
    while tree[0] == "split":
        _, feature, threshold, left, right = tree
        tree = left if vector[feature] <= threshold else right
    return tree[1]


# ---------------------------------------------------------------------------------------------
# The checks


def check(execution: Execution) -> list[Result]:
    evidence = Evidence(execution)
    return [check_stats(evidence), check_parquet(evidence), check_model(evidence), check_predictions(evidence)]


def stats_tables(output):
    """The last printed batch of a table with a |station| header: (columns, rows as matches)."""
    found = None
    for section in re.split(r"^-+\nBatch: \d+\n-+\n", output, flags=re.MULTILINE)[1:]:
        header = next((line for line in section.splitlines() if line.startswith("|station|")), None)
        if header is None:
            continue
        columns = [column.strip() for column in header.strip("|").split("|")]
        if "measurements" in columns or len(columns) >= 6:
            rows = [STATS_ROW.match(line) for line in section.splitlines()]
            found = (columns, [row for row in rows if row])
    return found


def check_stats(evidence: Evidence) -> Result:
    checked = ("The last batch of the printed stats table (station, start, end, measurements, avg, max) against"
               " statistics recomputed from stations-json read with kafka-python: per station the days up to its"
               " end date, their count, average and maximum")
    table = stats_tables(evidence.output)
    if table is None:
        return STATS.lost(checked, "no stats table was printed by a console sink (a |station|…| table after"
                                   " \"Batch: N\")" + evidence.stopped())
    columns, rows = table
    if columns != STATS_COLUMNS:
        return STATS.lost(checked, f"the table's columns are {columns}, not {STATS_COLUMNS}")
    problems = []
    rows = {row.group(1): row for row in rows}
    if set(rows) != STATIONS:
        problems.append(f"the last batch has the stations {''.join(sorted(rows))}, not A to O")
    for station, row in sorted(rows.items()):
        start, end = (datetime.date.fromisoformat(text) for text in row.group(2, 3))
        measurements, average, maximum = int(row.group(4)), float(row.group(5)), float(row.group(6))
        days = evidence.weather.get(station, {})
        seen = [degrees for date, (degrees, _) in days.items() if date <= end]
        if not seen:
            problems.append(f"{station}: the topic has no report of {station} up to {end}")
            continue
        if start != min(days):
            problems.append(f"{station}: start {start}, but its first report is of {min(days)}")
        if measurements != len(seen):
            problems.append(f"{station}: {measurements} measurements, but the topic holds {len(seen)} days of"
                            f" {station} up to {end}" + (" (counted twice?)" if measurements > len(seen) else ""))
        if not math.isclose(average, sum(seen) / len(seen), rel_tol=1e-6):
            problems.append(f"{station}: avg {average}, recomputed {sum(seen) / len(seen)}")
        if not math.isclose(maximum, max(seen), rel_tol=1e-6):
            problems.append(f"{station}: max {maximum}, recomputed {max(seen)}")
    return STATS.judge(checked, problems)


def check_parquet(evidence: Evidence) -> Result:
    checked = (f"The parquet files in {evidence.parquet_dir} read with a plain Parquet reader: the schema, every row"
               " equal to the day's rain and the two previous days' weather in stations-json, no row twice, one"
               " file per batch (repartition(1)), and no checkpoint inside the output directory")
    if evidence.listing_error:
        return PARQUET.lost(checked, evidence.listing_error)
    if any(line.startswith("missing ") for line in evidence.listing) or \
            not any(line.startswith("file ") for line in evidence.listing):
        return PARQUET.lost(checked, f"no parquet files in {evidence.parquet_dir} — write the stream there"
                                     " (settings.parquetDir())" + evidence.stopped())
    problems = []
    directories = [line[len("dir "):] for line in evidence.listing if line.startswith("dir ")]
    inside = sorted(d for d in directories if not d.startswith("_spark_metadata")
                    and (d.split("/")[-1] in CHECKPOINT_PARTS or "checkpoint" in d.lower()))
    if inside:
        problems.append(f"the checkpoint is inside the output directory ({evidence.parquet_dir}/{inside[0]}) — keep"
                        " the checkpoint apart from the data (settings.checkpointDir()), or readers of the dataset"
                        " meet Spark's bookkeeping")
    batches = [line.split() for line in evidence.listing if line.startswith("sink-batch ")]
    crowded = [(batch, files) for _, batch, files in batches if int(files) > 1]
    if crowded:
        problems.append(f"batch {crowded[0][0]} wrote {crowded[0][1]} files — repartition the stream to 1 partition"
                        " so each trigger writes one file")
    schema_line = next((line for line in evidence.listing if line.startswith("schema ")), None)
    try:
        schema = json.loads(schema_line[len("schema "):]) if schema_line else None
        columns = {field["name"]: field["type"] for field in schema["fields"]}
    except (TypeError, ValueError, KeyError):
        columns = None
    if columns != FORECAST_SCHEMA:
        problems.append(f"the files' columns are {columns}, not {FORECAST_SCHEMA}")
        return PARQUET.judge(checked, problems)
    rows = evidence.rows()
    if not rows:
        problems.append("the parquet files hold no rows")
    keys = set()
    for row in rows:
        date = datetime.date(1970, 1, 1) + datetime.timedelta(days=row["date"])
        key = (row["station"], date)
        if key in keys:
            problems.append(f"{row['station']} {date} is in the dataset twice")
            break
        keys.add(key)
        expected = forecast_row(evidence.weather, row["station"], date)
        if expected is None:
            problems.append(f"{row['station']} {date}: the topic lacks one of the two previous days")
            break
        today = evidence.weather[row["station"]].get(date)
        got = {column: row[column] if "degrees" not in column else float32(row[column]) for column in FEATURE_COLUMNS}
        if today is None or row["raining"] != today[1] or got != expected:
            problems.append(f"{row['station']} {date}: {row}, but the topic gives raining"
                            f" {today[1] if today else None} and {expected}")
            break
    return PARQUET.judge(checked, problems)


def accuracy_printed(output):
    """The accuracy the notebook printed: avg(correct) in an aggregate's table, or a number after
    the word accuracy. (number text, or None)."""
    table = re.search(r"\|\s*avg\(correct\)\|[^\n]*\n\+[-+]+\+\s*\n\|\s*([\d.E-]+)\|", output)
    if table:
        return table.group(1)
    line = re.search(r"accuracy[^\d\n]{0,40}?(\d+(?:\.\d+)?(?:E-?\d+)?)", output, re.IGNORECASE)
    return line.group(1) if line else None


def weighted(metric, rows):
    """Spark's weighted precision or F1 of prediction against raining over `rows`."""
    labels = {row["raining"] for row in rows} | {row["prediction"] for row in rows}
    total = 0.0
    for label in labels:
        tp = sum(1 for row in rows if row["prediction"] == label and row["raining"] == label)
        predicted = sum(1 for row in rows if row["prediction"] == label)
        actual = sum(1 for row in rows if row["raining"] == label)
        precision = tp / predicted if predicted else 0.0
        recall = tp / actual if actual else 0.0
        value = precision if metric == "precision" else (2 * precision * recall / (precision + recall) if precision + recall else 0.0)
        total += value * actual / len(rows)
    return total


def close_to(text, value):
    """Is the printed number `text` `value`, to the digits printed?"""
    decimals = len(text.split(".")[1].split("E")[0]) if "." in text else 0
    return math.isclose(float(text), value, abs_tol=max(1e-9, 0.6 * 10 ** -decimals)) if "E" not in text \
        else math.isclose(float(text), value, rel_tol=1e-6)


def check_model(evidence: Evidence) -> Result:
    printed = accuracy_printed(evidence.output)
    probe = evidence.execution.probes.get("test-predictions")
    rows = None
    if probe and not probe.startswith("error:"):
        try:
            rows = [json.loads(line) for line in probe.splitlines() if line.startswith("{")]
            rows = [row for row in rows if "raining" in row and "prediction" in row] or None
        except ValueError:
            rows = None
    if rows:
        checked = (f"The notebook's test predictions ({len(rows)} rows, read from its kernel): the printed accuracy"
                   " equals the share predicted right, the printed tree gives each prediction, and the test rows"
                   " are rows of the parquet dataset, fewer than all")
    else:
        checked = ("The printed tree applied to the parquet rows the notebook read: its accuracy there is close to the"
                   " printed one (the test predictions themselves could not be read"
                   + (f": {probe[len('error: '):]}" if probe else "") + ")")
    if evidence.tree is None:
        return MODEL.lost(checked, evidence.tree_error)
    if printed is None:
        return MODEL.lost(checked, "no accuracy was printed (an avg(correct) table, or a number after \"accuracy\")"
                                   + evidence.stopped())
    problems = []
    if rows:
        accuracy = sum(row["prediction"] == row["raining"] for row in rows) / len(rows)
        if not close_to(printed, accuracy):
            for metric in ("f1", "precision"):
                if close_to(printed, weighted(metric, rows)):
                    problems.append(f"the number printed as accuracy, {printed}, is the weighted {metric}"
                                    f" ({'the evaluator' + chr(39) + 's default metric' if metric == 'f1' else 'metricName precision'}),"
                                    f" not the accuracy {accuracy:.4f} — set metricName to \"accuracy\", or average"
                                    " prediction == raining")
                    break
            else:
                problems.append(f"the printed accuracy {printed} is not the share of test rows predicted right,"
                                f" {accuracy:.4f}")
        if all(column in rows[0] for column in FEATURE_COLUMNS):
            wrong = [row for row in rows if predict(evidence.tree, row) != row["prediction"]]
            if wrong:
                problems.append(f"{len(wrong)} test predictions differ from the printed tree's — print the tree of the"
                                " model that made them")
        stored = {(row["station"], row["date"]) for row in evidence.rows()}
        if rows and "station" in rows[0] and "date" in rows[0]:
            epoch = datetime.date(1970, 1, 1)
            tested = {(row["station"], (datetime.date.fromisoformat(row["date"]) - epoch).days) for row in rows}
            if not tested <= stored:
                problems.append("some test rows are not rows of the parquet dataset — test on a split of the rows read")
            elif len(tested) >= len(stored):
                problems.append("the model was tested on every row of the dataset — split it into train and test")
    else:
        read = evidence.rows()
        if not read:
            problems.append("no parquet rows to score the tree on")
        else:
            recomputed = sum(predict(evidence.tree, row) == row["raining"] for row in read) / len(read)
            if abs(float(printed) - recomputed) > 0.1:
                problems.append(f"the printed accuracy {printed} is far from the printed tree's accuracy on the"
                                f" dataset, {recomputed:.4f}")
    return MODEL.judge(checked, problems)


def check_predictions(evidence: Evidence) -> Result:
    checked = ("The streamed |station|date|prediction| rows: all of station A, each equal to the printed tree applied"
               " to that day's features recomputed from stations-json")
    predictions = PREDICTION_ROW.findall(evidence.output)
    if not predictions:
        return PREDICTIONS.lost(checked, "no |station|date|prediction| rows were printed by a console sink"
                                         + evidence.stopped())
    problems = []
    others = sorted({station for station, _, _ in predictions} - {"A"})
    if others:
        problems.append(f"predictions for the stations {', '.join(others)} too — keep only station A"
                        " (where station == \"A\")")
    if evidence.tree is None:
        problems.append(evidence.tree_error)
        return PREDICTIONS.judge(checked, problems)
    for station, date, prediction in predictions:
        if station != "A":
            continue
        row = forecast_row(evidence.weather, "A", datetime.date.fromisoformat(date))
        if row is None:
            problems.append(f"a prediction for A on {date} without both previous days in the topic")
            break
        if predict(evidence.tree, row) != float(prediction):
            problems.append(f"A {date}: predicted {prediction}, the printed tree says {predict(evidence.tree, row)}")
            break
    return PREDICTIONS.judge(checked, problems)
