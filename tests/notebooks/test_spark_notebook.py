"""notebooks/spark.ipynb under the checker (`./streamlab check spark`) against the local cluster while
kafka.ipynb's producer runs, with malformed messages slipped into the topic: it must score full
marks — the checker proves from outside that the printed stats equal the statistics recomputed from
the topic read with kafka-python, that every parquet row on HDFS (read with a plain Parquet reader)
is the day's rain and the two previous days' weather, that the printed accuracy is the share of the
notebook's own test predictions that are right and the printed tree made them, and that the
streamed predictions for A are the printed tree's. Malformed messages must be skipped, not stop the
streams; and the tree must beat always saying "dry" (the lesson's point)."""
import json

import pytest
from kafka import KafkaProducer

from streamlab_check.checking import check_notebook
from streamlab_check.endpoints import kafka_bootstrap
from streamlab_check.execution import error_outputs
from streamlab_check.notebooks import spark
from streamlab_check.paths import NOTEBOOKS
from streamlab_check.weather_topic import read_partitions

# A message that is not JSON, one whose date does not exist, one without degrees and raining.
BAD_MESSAGES = [b"not json at all", b'{"station":"B","date":"2000-13-45","degrees":50.0,"raining":0}',
                b'{"station":"C","date":"2000-01-02"}']


def send_bad_messages(environment):
    """Malformed messages among the producer's, sent with kafka-python once the producer made the topic."""
    sender = KafkaProducer(bootstrap_servers=[kafka_bootstrap(environment)], acks="all")
    try:
        for value in BAD_MESSAGES:
            sender.send("stations-json", key=b"A", value=value).get(timeout=30)
    finally:
        sender.close()


@pytest.fixture(scope="module")
def checked(deployment, tmp_path_factory):
    workdir = tmp_path_factory.mktemp(f"spark-notebook-{deployment.name}")
    return check_notebook(NOTEBOOKS / "spark.ipynb", spark, workdir=workdir, extra_environment=deployment.env,
                          while_running=send_bad_messages, manage_cluster=False, say=lambda text: None)


def test_the_notebook_runs_without_errors(checked):
    assert checked.execution.failure is None
    assert error_outputs(checked.execution.executed) == []


@pytest.mark.parametrize("criterion", [criterion.key for criterion in spark.criteria()])
def test_the_checker_gives_the_solution_every_point(checked, criterion):
    result = next(result for result in checked.results if result.criterion.key == criterion)
    assert result.full_marks, result.hint


def test_malformed_messages_were_in_the_topic_and_skipped(checked):
    records = read_partitions("stations-json", lambda value: value, kafka_bootstrap(checked.execution.environment))
    malformed = []
    for messages in records.values():
        for _, value in messages:
            try:
                report = json.loads(value)
                float(report["degrees"])
                if report["date"].startswith("2000-13"):
                    raise ValueError
            except (ValueError, KeyError):
                malformed.append(value)
    assert sorted(malformed) == sorted(BAD_MESSAGES)


def test_the_checker_read_the_notebooks_test_predictions_and_the_tree_beats_always_dry(checked):
    rows = [json.loads(line) for line in checked.execution.probes["test-predictions"].splitlines()
            if line.startswith("{")]
    assert len(rows) > 20, checked.execution.probes["test-predictions"][:500]
    accuracy = sum(row["prediction"] == row["raining"] for row in rows) / len(rows)
    rain_rate = sum(row["raining"] for row in rows) / len(rows)
    assert accuracy > 1 - rain_rate, (accuracy, rain_rate)
