"""Reads the weather topics with an independent client (kafka-python, protobuf for Python), to
check from outside what the Java notebooks wrote. Shared by the checker and the tests."""
import datetime
import functools
import struct
import subprocess
import sys
import tempfile

from kafka import KafkaConsumer, TopicPartition

from .paths import PROTO


@functools.lru_cache(maxsize=None)
def _compiled_report_module():
    out = tempfile.mkdtemp(prefix="streamlab-report-pb2-")
    subprocess.run(["protoc", f"-I{PROTO}", f"--python_out={out}", str(PROTO / "report.proto")], check=True)
    sys.path.insert(0, out)
    import report_pb2
    return report_pb2


def report_module(workdir=None):
    """The Python class of proto/report.proto, compiled with protoc (once per process; `workdir` is
    not needed any more and kept for the callers that pass one)."""
    return _compiled_report_module()


def topic_partitions(topic, bootstrap):
    """How many partitions `topic` has, or 0 when it does not exist."""
    consumer = KafkaConsumer(bootstrap_servers=[bootstrap], enable_auto_commit=False)
    try:
        return len(consumer.partitions_for_topic(topic) or ())
    finally:
        consumer.close()


def read_partitions(topic, decode, bootstrap, partitions=range(6), with_keys=False):
    """Every record of the topic's partitions up to their current end: {partition: [(offset, value)]},
    value = decode(value), or decode(key, value) when with_keys."""
    consumer = KafkaConsumer(bootstrap_servers=[bootstrap], enable_auto_commit=False, consumer_timeout_ms=5000)
    try:
        topic_partitions = [TopicPartition(topic, partition) for partition in partitions]
        consumer.assign(topic_partitions)
        consumer.seek_to_beginning(*topic_partitions)
        ends = consumer.end_offsets(topic_partitions)
        records = {partition.partition: [] for partition in topic_partitions}
        remaining = {partition for partition in topic_partitions if ends[partition] > 0}
        while remaining:
            batch = consumer.poll(timeout_ms=5000)
            if not batch:
                raise RuntimeError(f"no records from {topic} within 5 s; still missing {sorted(p.partition for p in remaining)}")
            for partition, messages in batch.items():
                for message in messages:
                    if message.offset < ends[partition]:
                        value = decode(message.key, message.value) if with_keys else decode(message.value)
                        records[partition.partition].append((message.offset, value))
                if consumer.position(partition) >= ends[partition]:
                    remaining.discard(partition)
        return records
    finally:
        consumer.close()


def recount(records, offset):
    """The seed's summary of one partition, recomputed independently from the topic's records below
    `offset`: per station the first report of each day counted once (a later copy of a day is a
    duplicate). {station: {"sum", "count", "start", "end"}}."""
    stations = {}
    for record_offset, report in records:
        if record_offset >= offset:
            continue
        days = stations.setdefault(report.station, {})
        days.setdefault(report.date, report.degrees)
    return {station: {"sum": sum(days.values()), "count": len(days), "start": min(days), "end": max(days)}
            for station, days in stations.items()}


def summary_mismatches(snapshot, records):
    """What differs between a partition-N.json snapshot and a recount of its partition's records up to
    the snapshot's offset; [] when the file counts every report exactly once. Also checks the
    exactly-once invariant: start is 2000-01-01 and count = days from start to end."""
    import datetime
    import math

    problems = []
    partition = snapshot["partition"]
    below = [offset for offset, _ in records if offset < snapshot["offset"]]
    if len(below) != snapshot["offset"]:
        problems.append(f"partition {partition}: offset {snapshot['offset']} but the topic holds {len(below)} records below it")
    expected = recount(records, snapshot["offset"])
    stations = {key: value for key, value in snapshot.items() if key not in ("partition", "offset")}
    if sorted(stations) != sorted(expected):
        problems.append(f"partition {partition}: stations {sorted(stations)}, the topic has {sorted(expected)}")
    for station, summary in stations.items():
        want = expected.get(station)
        if want is None:
            continue
        for field in ("count", "start", "end"):
            if summary[field] != want[field]:
                problems.append(f"partition {partition} {station}: {field} {summary[field]}, recount {want[field]}")
        if not math.isclose(summary["sum"], want["sum"], rel_tol=1e-9):
            problems.append(f"partition {partition} {station}: sum {summary['sum']}, recount {want['sum']}")
        if not math.isclose(summary["avg"], summary["sum"] / summary["count"], rel_tol=1e-9):
            problems.append(f"partition {partition} {station}: avg {summary['avg']} is not sum/count")
        start, end = datetime.date.fromisoformat(summary["start"]), datetime.date.fromisoformat(summary["end"])
        if start != datetime.date(2000, 1, 1) or summary["count"] != (end - start).days + 1:
            problems.append(f"partition {partition} {station}: count {summary['count']} from {start} to {end}")
    return problems


def json_weather(records, duplicates_fail=True):
    """stations-json's records ({partition: [(offset, bytes)]}) as {station: {date: (degrees, raining)}}
    of the well-formed messages, and the raw values of the malformed ones. A day reported twice fails,
    or, with duplicates_fail=False (the checker, which must not crash on a student's topic), keeps its
    first report."""
    import json
    weather, malformed = {}, []
    for messages in records.values():
        for _, value in messages:
            try:
                report = json.loads(value)
                date = datetime.date.fromisoformat(report["date"])
                day = (float(report["degrees"]), int(report["raining"]))
            except (ValueError, KeyError, TypeError):
                malformed.append(value)
                continue
            days = weather.setdefault(report["station"], {})
            assert not duplicates_fail or date not in days, f"two reports for {report['station']} on {date}"
            days.setdefault(date, day)
    return weather, malformed


def float32(value):
    """A double as Spark's cast to float leaves it (round to nearest float)."""
    return struct.unpack("f", struct.pack("f", value))[0]


def forecast_row(weather, station, date):
    """spark.ipynb's forecast dataset's features for (station, date), computed from the topic
    (weather = {station: {date: (degrees, raining)}}); None without both previous days."""
    days = weather.get(station, {})
    one, two = days.get(date - datetime.timedelta(days=1)), days.get(date - datetime.timedelta(days=2))
    if one is None or two is None:
        return None
    return {"month": date.month, "sub1degrees": float32(one[0]), "sub1raining": one[1],
            "sub2degrees": float32(two[0]), "sub2raining": two[1]}
