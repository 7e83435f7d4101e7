"""Consumers stopped on purpose. kafka.ipynb's two-rounds cell runs consumers that would poll for
hours; the user interrupts the cell (Kernel ▸ Interrupt), which ends the cell but not the threads it
started, and runs `%streams stop all`, which interrupts them. Kafka's consumer answers an interrupt in
poll() with InterruptException — the shutdown the notebook relies on, where a long-running service
would call wakeup() from another thread — so each consumer must end within seconds, say that it was
stopped (not ask for a fix), and leave its partition file whole and exact: equal to an independent
recount of the topic (kafka-python + protobuf) up to the file's offset."""
import json
import time

from streamlab_support import kafka_bootstrap, wait_until
from streamlab_support.kafka_notebook import ENDLESS_CONSUMERS, GROUPS, KafkaNotebookKernel
from streamlab_check.weather_topic import read_partitions, report_module, summary_mismatches

CONSUMERS_ALIVE = 'Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("consumer-")).count()'


def consumers_alive(session):
    return int(session.ok(CONSUMERS_ALIVE).text)


def printed(session, text):
    """How often `text` was printed so far, in any cell's stream output."""
    return sum(m["content"]["text"].count(text) for _, m in session.seen if m["msg_type"] == "stream")


def test_streams_stop_ends_the_consumers_and_leaves_their_files_exact(producer, tmp_path):
    kernel = KafkaNotebookKernel(tmp_path, **ENDLESS_CONSUMERS)
    try:
        session = kernel.session
        kernel.run("SETUP", "CLEAN", "CONSUMER_DEFINITIONS")
        rounds = session.kc.execute(GROUPS["ROUNDS"])
        wait_until(lambda: len(list(tmp_path.glob("partition-?.json"))) == 6, 60,
                   "the consumers to save all six partition files")

        session.km.interrupt_kernel()
        assert session.shell_reply(rounds, time.monotonic() + 30)["content"]["status"] == "error"
        assert consumers_alive(session) == 3, "an interrupt of the cell ends the cell, not the threads it started"

        stopped = session.ok("%streams stop all").stream()
        assert "interrupted 3 threads" in stopped, stopped
        # each check runs a cell, which also reads what the threads printed meanwhile
        wait_until(lambda: consumers_alive(session) == 0 and printed(session, "stopped when asked") == 3,
                   15, "the three consumers to end, each saying it was stopped")
        assert printed(session, "fix that") == 0
    finally:
        kernel.close()

    snapshots = {p: json.loads((tmp_path / f"partition-{p}.json").read_text()) for p in range(6)}
    topic = read_partitions("stations", report_module(tmp_path).Report.FromString, kafka_bootstrap())
    assert all(snapshot["offset"] > 0 for snapshot in snapshots.values()), snapshots
    assert [problem for p, snapshot in snapshots.items() for problem in summary_mismatches(snapshot, topic[p])] == []

