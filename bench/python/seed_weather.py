"""The seed's own Python code (Part 1 and Part 2 of the weather project), as a student writes it:
the generator pasted from the seed, a kafka-python producer and the exactly-once consumer. It is
the baseline our Java notebooks are measured against, so it stays as close to the seed as possible;
the only changes are parameters (topic names, bootstrap servers, how many reports, when a consumer
stops) so the benchmark can run it on its own topics.

The protobuf module is compiled from proto/report.proto at run time (`compile_report_proto`), never
committed.
"""
import atexit
import datetime
import json
import os
import random
import shutil
import string
import tempfile
import threading
import time

from streamlab_support import kafka_bootstrap
from streamlab_check.weather_topic import report_module


def compile_report_proto():
    """protoc proto/report.proto into a temporary directory and imports report_pb2 from it."""
    out = tempfile.mkdtemp(prefix="streamlab-bench-pb2-")
    atexit.register(shutil.rmtree, out, True)
    return report_module(out)


# ---- The seed's generator, as pasted in Part 1 ----

def one_station(name):
    # temp pattern
    month_avg = [27, 31, 44, 58, 70, 79, 83, 81, 74, 61, 46, 32]
    shift = (random.random() - 0.5) * 30
    month_avg = [m + shift + (random.random() - 0.5) * 5 for m in month_avg]

    # rain pattern
    start_rain = [0.1, 0.1, 0.3, 0.5, 0.4, 0.2, 0.2, 0.1, 0.2, 0.2, 0.2, 0.1]
    shift = (random.random() - 0.5) * 0.1
    start_rain = [r + shift + (random.random() - 0.5) * 0.2 for r in start_rain]
    stop_rain = 0.2 + random.random() * 0.2

    # day's state
    today = datetime.date(2000, 1, 1)
    temp = month_avg[0]
    raining = False

    # gen weather
    while True:
        # choose temp+rain
        month = today.month - 1
        temp = temp * 0.8 + month_avg[month] * 0.2 + (random.random() - 0.5) * 20
        if temp < 32:
            raining = False
        elif raining and random.random() < stop_rain:
            raining = False
        elif not raining and random.random() < start_rain[month]:
            raining = True

        yield (today, name, temp, raining)

        # next day
        today += datetime.timedelta(days=1)


def all_stations(count=10, sleep_sec=1):
    assert count <= 26
    stations = []
    for name in string.ascii_uppercase[:count]:
        stations.append(one_station(name))
    while True:
        for station in stations:
            yield next(station)
        time.sleep(sleep_sec)


# ---- Part 1: the producer ----

def produce(report_pb2, bootstrap, topic, json_topic, reports, stations=15):
    """The seed's produce() for `reports` reports without pauses; returns (acknowledged, failed, seconds)
    from the first send to the last acknowledgement."""
    from kafka import KafkaProducer

    producer = KafkaProducer(bootstrap_servers=[bootstrap], acks="all", retries=10)
    acknowledged = [0]
    failed = [0]
    lock = threading.Lock()

    def on_ack(_metadata):
        with lock:
            acknowledged[0] += 1

    def on_error(_exception):
        with lock:
            failed[0] += 1

    started = time.monotonic()
    sent = 0
    for date, station, degrees, raining in all_stations(stations, sleep_sec=0):
        if sent == reports:
            break
        report = report_pb2.Report(date=date.strftime("%Y-%m-%d"), station=station, degrees=degrees, raining=raining)
        producer.send(topic, value=report.SerializeToString(), key=bytes(station, "utf-8")) \
            .add_callback(on_ack).add_errback(on_error)
        value = json.dumps({"date": date.strftime("%Y-%m-%d"), "station": station, "degrees": degrees,
                            "raining": int(raining)})
        producer.send(json_topic, value=bytes(value, "utf-8"), key=bytes(station, "utf-8")) \
            .add_callback(on_ack).add_errback(on_error)
        sent += 1
    producer.flush()
    seconds = time.monotonic() - started
    producer.close()
    return acknowledged[0], failed[0], seconds


# ---- Part 2: the exactly-once consumer ----

def consume(report_pb2, bootstrap, topic, directory, part_nums, end_offsets, counted):
    """The seed's consume(): load partition-N.json (or start fresh), seek to its offset, poll, count
    each report unless its date is not after its station's end, save every touched partition with the
    consumer's position atomically (tmp file + rename). The benchmark stops it when the partitions
    reach `end_offsets` instead of after a fixed number of polls."""
    from kafka import KafkaConsumer, TopicPartition

    consumer = KafkaConsumer(bootstrap_servers=[bootstrap], enable_auto_commit=False)
    tps = [TopicPartition(topic, p) for p in part_nums]
    consumer.assign(tps)

    # PART 1: initialization
    partitions = {}
    for tp in tps:
        path = os.path.join(directory, f"partition-{tp.partition}.json")
        if os.path.exists(path):
            with open(path) as f:
                partitions[tp.partition] = json.load(f)
        else:
            partitions[tp.partition] = {"partition": tp.partition, "offset": 0}
        consumer.seek(tp, partitions[tp.partition]["offset"])

    # PART 2: process batches
    while any(partitions[tp.partition]["offset"] < end_offsets[tp.partition] for tp in tps):
        batch = consumer.poll(1000)
        for tp, messages in batch.items():
            snapshot = partitions[tp.partition]
            for message in messages:
                report = report_pb2.Report.FromString(message.value)
                station = snapshot.get(report.station)
                if station is None:
                    snapshot[report.station] = {"sum": report.degrees, "count": 1, "avg": report.degrees,
                                                "start": report.date, "end": report.date}
                elif report.date <= station["end"]:
                    continue  # a duplicate: retried send or replay
                else:
                    station["sum"] += report.degrees
                    station["count"] += 1
                    station["avg"] = station["sum"] / station["count"]
                    station["end"] = report.date
                with counted[1]:
                    counted[0] += 1
            snapshot["offset"] = consumer.position(tp)
            path = os.path.join(directory, f"partition-{tp.partition}.json")
            path2 = path + ".tmp"
            with open(path2, "w") as f:
                json.dump(snapshot, f, indent=2, sort_keys=True)
            os.rename(path2, path)
    consumer.close()


def end_offsets_of(bootstrap, topic):
    from kafka import KafkaConsumer, TopicPartition
    consumer = KafkaConsumer(bootstrap_servers=[bootstrap])
    try:
        tps = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic))]
        return {tp.partition: offset for tp, offset in consumer.end_offsets(tps).items()}
    finally:
        consumer.close()


def consume_all(report_pb2, bootstrap, topic, directory):
    """Three threads on partitions 0+1, 2+3, 4+5 as in the seed, until the topic is read to its end.
    Returns (records read, seconds)."""
    end_offsets = end_offsets_of(bootstrap, topic)
    counted = [0, threading.Lock()]
    threads = [threading.Thread(target=consume, args=(report_pb2, bootstrap, topic, directory, parts, end_offsets, counted))
               for parts in ([0, 1], [2, 3], [4, 5])]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.monotonic() - started
    return sum(end_offsets.values()), seconds


def main():
    import argparse
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=["produce", "consume"])
    parser.add_argument("--bootstrap", default=kafka_bootstrap())
    parser.add_argument("--topic", default="stations")
    parser.add_argument("--json-topic", default="stations-json")
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--dir", help="where the consumer writes run-R/partition-N.json")
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    report_pb2 = compile_report_proto()
    # No warm-up run: CPython compiles nothing at run time, and the clients are built inside each run.
    for run in range(1, args.runs + 1):
        if args.mode == "produce":
            acknowledged, failed, seconds = produce(report_pb2, args.bootstrap, args.topic, args.json_topic, args.reports)
            print(json.dumps({"records": acknowledged, "failed": failed, "seconds": seconds}), flush=True)
            if failed or acknowledged != 2 * args.reports:
                raise SystemExit(f"the Python producer had {failed} failed sends, "
                                 f"{acknowledged} of {2 * args.reports} acknowledged")
        else:
            if not args.dir:
                raise SystemExit("consume needs --dir")
            directory = os.path.join(args.dir, f"run-{run}")
            os.makedirs(directory, exist_ok=True)
            records, seconds = consume_all(report_pb2, args.bootstrap, args.topic, directory)
            print(json.dumps({"records": records, "seconds": seconds, "dir": directory}), flush=True)

if __name__ == "__main__":
    main()
