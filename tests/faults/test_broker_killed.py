"""Fault 1: the Kafka broker is SIGKILLed while kafka.ipynb's own producer and consumers run in a
real Java kernel, and restarted with `./streamlab cluster start`. Checked from outside with
kafka-python and protobuf for Python: no acknowledged report is missing from the topics and none is
there twice; the partition files equal an independent recount of the topic up to their offsets; the
producer's tally shows its retried sends and no failure; the consumers carried on by themselves."""
import datetime
import json
import os
import re
import time

from streamlab_support import kafka_bootstrap, wait_until
from streamlab_support.kafka_notebook import GROUPS, KafkaNotebookKernel
from streamlab_check.weather_topic import read_partitions, report_module, summary_mismatches

KAFKA = kafka_bootstrap()
TALLY = re.compile(r"sent (\d+), acknowledged (\d+), retried (\d+), failed (\d+)")
# Long enough rounds that the second one still polls after the broker is back: 2 x 150 polls of at most 200 ms.
CONSUMERS = dict(STREAMLAB_PRODUCER_PAUSE_MS=50, STREAMLAB_CONSUMER_ITERATIONS=150, STREAMLAB_POLL_MS=200)


def saved_offsets(workdir):
    offsets = {}
    for partition in range(6):
        try:
            offsets[partition] = json.loads((workdir / f"partition-{partition}.json").read_text())["offset"]
        except FileNotFoundError:
            pass
    return offsets


def tally_of(kernel):
    text = kernel.session.ok("tally").text
    found = TALLY.search(text)
    assert found, f"the tally does not show sent, acknowledged, retried, failed: {text}"
    sent, acknowledged, retried, failed = map(int, found.groups())
    return dict(sent=sent, acknowledged=acknowledged, retried=retried, failed=failed, text=text)


def days_problems(topic, station_and_date):
    """Gaps and repeats in each station's days, which start on 2000-01-01: a missing day is a lost
    report (later ones were acknowledged after it), a repeated one a duplicate."""
    days = {}
    for records in topic.values():
        for _, value in records:
            station, date = station_and_date(value)
            days.setdefault(station, []).append(date)
    problems = []
    for station, dates in sorted(days.items()):
        ordered = sorted(dates)
        expected = [datetime.date(2000, 1, 1) + datetime.timedelta(days=n) for n in range(len(set(dates)))]
        if sorted(set(dates)) != expected:
            problems.append(f"{station}: days missing between {ordered[0]} and {ordered[-1]}")
        if len(dates) != len(set(dates)):
            problems.append(f"{station}: {len(dates) - len(set(dates))} days twice")
    return problems, sum(len(dates) for dates in days.values())


def test_a_killed_broker_loses_and_doubles_nothing(cluster, tmp_path):
    kernel = KafkaNotebookKernel(tmp_path, **CONSUMERS)
    try:
        kernel.run("SETUP", "PRODUCER", "CLEAN", "CONSUMER_DEFINITIONS")
        rounds = kernel.session.kc.execute(GROUPS["ROUNDS"])
        wait_until(lambda: len(saved_offsets(tmp_path)) == 6, 60, "the consumers to save all six partition files")
        with cluster.killed("kafka"):
            at_kill = saved_offsets(tmp_path)
            down_since = time.monotonic()
        print(f"broker down for {time.monotonic() - down_since:.1f} s")
        output = []
        reply = wait_for_cell(kernel, rounds, 180, output)
        printed = "".join(output)
        print(printed)
        assert reply["content"]["status"] == "ok", printed
        assert printed.count("exiting") == 6 and "stopped" not in printed, printed
        after = saved_offsets(tmp_path)
        assert all(after[p] > at_kill[p] for p in range(6)), f"consumers did not read past the outage: {at_kill} -> {after}"
        tally = tally_of(kernel)
        print("tally:", tally["text"])
        acknowledged = tally["acknowledged"]
    finally:
        kernel.close()

    report_pb2 = report_module(tmp_path)
    stations = read_partitions("stations", report_pb2.Report.FromString, KAFKA)
    texts = read_partitions("stations-json", json.loads, KAFKA)
    protobuf_problems, protobuf_count = days_problems(stations, lambda r: (r.station, datetime.date.fromisoformat(r.date)))
    json_problems, json_count = days_problems(texts, lambda r: (r["station"], datetime.date.fromisoformat(r["date"])))
    assert protobuf_problems == [] and json_problems == []
    assert protobuf_count + json_count >= acknowledged
    assert tally["failed"] == 0, tally["text"]
    snapshots = {p: json.loads((tmp_path / f"partition-{p}.json").read_text()) for p in range(6)}
    problems = [problem for p, snapshot in snapshots.items() for problem in summary_mismatches(snapshot, stations[p])]
    assert problems == []


def wait_for_cell(kernel, msg_id, timeout_s, output):
    """The reply of a cell sent with kc.execute, collecting what it printed into `output`."""
    session = kernel.session
    deadline = time.monotonic() + timeout_s
    seen = iter([msg for _, msg in session.seen])
    while True:
        try:
            msg = next(seen, None) or session._next_iopub(deadline)
        except Exception as e:
            raise AssertionError(f"the cell did not finish within {timeout_s} s; it printed:\n" + "".join(output)) from e
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "stream":
            output.append(msg["content"]["text"])
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return session.shell_reply(msg_id, deadline)
