"""Fault 2 — exactly once, the hard way: kafka.ipynb's own consumer cells run in a real Java kernel,
and the kernel's JVM is SIGKILLed at random points of the consumer loop — some at a random moment,
some exactly between writing partition-N.json.tmp and renaming it — then the kernel is restarted
(Kernel ▸ Restart, on the same connection) and the consumer cells re-run on the files the dead one
left. Before the last run, duplicates (reports sent again, as a retried send whose ack was lost
would) are added to the topic. At the end, every partition file must equal an independent recount
of the `stations` topic (kafka-python + protobuf for Python) up to the file's offset: nothing
missed, nothing counted twice.

The window between the write and the rename is microseconds wide, and freezing the JVM (SIGSTOP)
does not catch it reliably: a rename under way when the signal arrives still completes. So the
kernels killed there run with STREAMLAB_TEST_PAUSE_BEFORE_RENAME_MS, a test-only pause in lib's
AtomicFile after the temporary file is written and forced, before the rename."""
import json
import random
import time

from streamlab_support.kafka_notebook import ENDLESS_CONSUMERS, KafkaNotebookKernel
from streamlab_support import kafka_bootstrap, wait_until
from streamlab_check.weather_topic import read_partitions, report_module, summary_mismatches

KAFKA = kafka_bootstrap()
KILL_POINTS = ["random moment", "before rename", "random moment", "before rename", "before rename"]
# Long enough for the test to see the temporary file and kill the kernel before the rename.
PAUSED_BEFORE_RENAME = dict(STREAMLAB_TEST_PAUSE_BEFORE_RENAME_MS=3000)


def file_times(workdir, pattern):
    return {path.name: path.stat().st_mtime_ns for path in workdir.glob(pattern)}


def offset_of(path):
    try:
        return json.loads(path.read_text())["offset"]
    except FileNotFoundError:
        return 0


def caught_between_write_and_rename(workdir, timeout_s=60):
    """The snapshot in a partition-N.json.tmp a consumer has completely written (its content is a whole
    snapshot ahead of partition-N.json) and not yet renamed: with the pause before the rename, the
    kernel is held there for the caller to kill. Leftover temporary files of earlier kills are known
    by their modification time and ignored."""
    leftovers = file_times(workdir, "partition-*.json.tmp")

    def new_temporary_snapshot():
        for temporary in workdir.glob("partition-*.json.tmp"):
            try:
                if temporary.stat().st_mtime_ns != leftovers.get(temporary.name):
                    snapshot = json.loads(temporary.read_text())
                    if snapshot["offset"] > offset_of(workdir / temporary.name.removesuffix(".tmp")):
                        return snapshot
            except (FileNotFoundError, ValueError, KeyError):
                pass  # renamed meanwhile, or still being written
        return None

    return wait_until(new_temporary_snapshot, timeout_s, "a consumer between writing a temporary file and renaming it")


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


def settings_for(point):
    return {**ENDLESS_CONSUMERS, **(PAUSED_BEFORE_RENAME if point == "before rename" else {})}


def test_consumers_killed_anywhere_resume_exactly_once(producer, tmp_path):
    rng = random.Random()
    seed = rng.randrange(1 << 30)
    rng.seed(seed)
    print(f"kill-point seed {seed}")
    began = time.monotonic()
    caught = []
    kernel = KafkaNotebookKernel(tmp_path, **settings_for(KILL_POINTS[0]))
    try:
        for number, point in enumerate(KILL_POINTS):
            if number > 0:
                kernel.restart(**settings_for(point))
            kernel.run("SETUP", *(["CLEAN"] if number == 0 else []), "CONSUMER_DEFINITIONS")
            before = file_times(tmp_path, "partition-*.json")
            kernel.start("ROUNDS")
            if point == "before rename":
                caught.append(caught_between_write_and_rename(tmp_path))
            else:
                wait_until(lambda: file_times(tmp_path, "partition-*.json") != before, 60,
                           "the restarted consumers to save a partition file")
                time.sleep(rng.uniform(0, 1.5))  # the kill point itself, not a synchronisation
            kernel.kill()
            print(f"{time.monotonic() - began:.0f} s: killed at a {point}")
            if point == "before rename":
                # the dead consumer left its new version unrenamed, and the file itself at the older offset
                snapshot = caught[-1]
                target = tmp_path / f"partition-{snapshot['partition']}.json"
                assert json.loads((tmp_path / (target.name + ".tmp")).read_text()) == snapshot
                assert offset_of(target) < snapshot["offset"]
        assert len(caught) == KILL_POINTS.count("before rename")
        duplicates = send_duplicates()

        # A last, ordinary run of the notebook's two rounds, from where the killed consumers left off.
        kernel.restart(STREAMLAB_CONSUMER_ITERATIONS=5, STREAMLAB_POLL_MS=200)
        kernel.run("SETUP", "CONSUMER_DEFINITIONS", "ROUNDS")
        print(f"{time.monotonic() - began:.0f} s: the last run ended")
    finally:
        kernel.close()

    snapshots = {partition: json.loads((tmp_path / f"partition-{partition}.json").read_text()) for partition in range(6)}
    report_pb2 = report_module(tmp_path)
    topic = read_partitions("stations", report_pb2.Report.FromString, KAFKA)
    print(f"{time.monotonic() - began:.0f} s: read {sum(map(len, topic.values()))} records back")
    problems = [problem for partition, snapshot in snapshots.items()
                for problem in summary_mismatches(snapshot, topic[partition])]
    assert problems == []
    for partition, offset in duplicates.items():
        assert snapshots[partition]["offset"] > offset, "the last run read past the duplicates"
    for snapshot in caught:
        # every version caught unrenamed was redone and then overtaken by the restarted consumers
        assert snapshots[snapshot["partition"]]["offset"] >= snapshot["offset"]
