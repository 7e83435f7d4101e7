"""Exactly once, the hard way: kafka.ipynb's own consumer cells run in a real Java kernel, and the
kernel's JVM is SIGKILLed at random points of the consumer loop — some at a random moment, some
exactly between writing partition-N.json.tmp and renaming it — then a new kernel re-runs the
consumer cells on the files the dead one left. Before the last run, duplicates (reports sent again,
as a retried send whose ack was lost would) are added to the topic. At the end, every partition file must equal an
independent recount of the `stations` topic (kafka-python + protobuf for Python) up to the file's
offset: nothing missed, nothing counted twice."""
import json
import os
import random
import signal
import time

import pytest

from kafka_notebook import KafkaNotebookKernel
from streamlab_testing import wait_until
from streamlab_check.weather_topic import read_partitions, report_module, summary_mismatches

KAFKA = os.environ.get("STREAMLAB_KAFKA", "localhost:9092")
# A consumer that would poll for hours: it only ends by being killed.
ENDLESS = dict(STREAMLAB_CONSUMER_ITERATIONS=1_000_000, STREAMLAB_POLL_MS=100)
KILL_POINTS = ["random moment", "before rename", "random moment", "before rename", "before rename"]


@pytest.fixture(scope="module")
def producer(tmp_path_factory):
    """kafka.ipynb's Part 1 in its own kernel, left running as a user leaves it: fresh topics and
    the producer thread, 15 stations every 50 ms."""
    kernel = KafkaNotebookKernel(tmp_path_factory.mktemp("kafka-producer"), STREAMLAB_PRODUCER_PAUSE_MS=50)
    try:
        kernel.run("SETUP", "PRODUCER")
        yield kernel
    finally:
        kernel.close()


def file_times(workdir, pattern):
    return {path.name: path.stat().st_mtime_ns for path in workdir.glob(pattern)}


def offset_of(path):
    try:
        return json.loads(path.read_text())["offset"]
    except FileNotFoundError:
        return 0


def stop_between_write_and_rename(kernel, workdir, timeout_s=60):
    """Freezes the kernel (SIGSTOP) the moment a consumer has completely written a new
    partition-N.json.tmp that it has not yet renamed: a temporary file written after the consumers
    started, whose content is a whole snapshot ahead of partition-N.json. Returns that snapshot; the
    JVM stays stopped for the caller to kill. Leftover temporary files of earlier kills are known by
    their modification time and ignored."""
    leftovers = file_times(workdir, "partition-*.json.tmp")
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        for temporary in workdir.glob("partition-*.json.tmp"):
            os.kill(kernel.pid, signal.SIGSTOP)
            try:
                if temporary.stat().st_mtime_ns != leftovers.get(temporary.name):
                    snapshot = json.loads(temporary.read_text())
                    if snapshot["offset"] > offset_of(workdir / temporary.name.removesuffix(".tmp")):
                        return snapshot
            except (FileNotFoundError, ValueError, KeyError):
                pass  # renamed meanwhile, or still being written: not the window
            os.kill(kernel.pid, signal.SIGCONT)
    raise AssertionError(f"never caught a consumer between writing a temporary file and renaming it within {timeout_s} s")


def send_duplicates(per_partition=5):
    """What a producer retry after a lost ack leaves in the stream: the last reports of every partition
    sent again (same key, so the same partition) with kafka-python. Returns the highest duplicate's
    offset per partition."""
    from kafka import KafkaProducer
    tails = read_partitions("stations", lambda key, value: (key, value), KAFKA, with_keys=True)
    producer = KafkaProducer(bootstrap_servers=[KAFKA], acks="all")
    try:
        sent = [producer.send("stations", key=key, value=value)
                for records in tails.values() for _, (key, value) in records[-per_partition:]]
        producer.flush()
        highest = {}
        for future in sent:
            metadata = future.get(timeout=30)
            highest[metadata.partition] = max(highest.get(metadata.partition, -1), metadata.offset)
        return highest
    finally:
        producer.close()


def test_consumers_killed_anywhere_resume_exactly_once(producer, tmp_path):
    rng = random.Random()
    seed = rng.randrange(1 << 30)
    rng.seed(seed)
    print(f"kill-point seed {seed}")
    caught = []
    for number, point in enumerate(KILL_POINTS):
        kernel = KafkaNotebookKernel(tmp_path, **ENDLESS)
        try:
            kernel.run("SETUP", *(["CLEAN"] if number == 0 else []), "CONSUMER_DEFINITIONS")
            before = file_times(tmp_path, "partition-*.json")
            kernel.start("ROUNDS")
            if point == "before rename":
                caught.append(stop_between_write_and_rename(kernel, tmp_path))
            else:
                wait_until(lambda: file_times(tmp_path, "partition-*.json") != before, 60,
                           "the restarted consumers to save a partition file")
                time.sleep(rng.uniform(0, 1.5))  # the kill point itself, not a synchronisation
            kernel.kill()
        finally:
            kernel.close()
        if point == "before rename":
            # the dead consumer left its new version unrenamed, and the file itself at the older offset
            snapshot = caught[-1]
            target = tmp_path / f"partition-{snapshot['partition']}.json"
            assert json.loads((tmp_path / (target.name + ".tmp")).read_text()) == snapshot
            assert offset_of(target) < snapshot["offset"]
    assert len(caught) == KILL_POINTS.count("before rename")
    duplicates = send_duplicates()

    # A last, ordinary run of the notebook's two rounds, from where the killed consumers left off.
    kernel = KafkaNotebookKernel(tmp_path, STREAMLAB_CONSUMER_ITERATIONS=5, STREAMLAB_POLL_MS=200)
    try:
        kernel.run("SETUP", "CONSUMER_DEFINITIONS", "ROUNDS")
    finally:
        kernel.close()

    snapshots = {partition: json.loads((tmp_path / f"partition-{partition}.json").read_text()) for partition in range(6)}
    report_pb2 = report_module(tmp_path)
    topic = read_partitions("stations", report_pb2.Report.FromString, KAFKA)
    problems = [problem for partition, snapshot in snapshots.items()
                for problem in summary_mismatches(snapshot, topic[partition])]
    assert problems == []
    for partition, offset in duplicates.items():
        assert snapshots[partition]["offset"] > offset, "the last run read past the duplicates"
    for snapshot in caught:
        # every version caught unrenamed was redone and then overtaken by the restarted consumers
        assert snapshots[snapshot["partition"]]["offset"] >= snapshot["offset"]
