"""Things the checker does beside a running notebook, to see from outside what its output alone
would not show: the partition files as a dashboard would read them while the consumers run, and
duplicate reports in the topic as a producer's retry would leave them."""
from __future__ import annotations

import json
import os
import re
import threading
import time
from pathlib import Path

from kafka import KafkaConsumer, KafkaProducer, TopicPartition

SNAPSHOT_FILE = re.compile(r"partition-(\d+)\.json")


class SnapshotWatcher:
    """Polls a directory every few milliseconds and keeps each distinct version of every
    partition-N.json it sees: (name, inode, text, parsed or None). Also notes the other files that
    appeared there."""

    def __init__(self, directory: Path, interval_s: float = 0.02):
        self.directory = Path(directory)
        self.interval_s = interval_s
        self.versions: list[dict] = []
        self.other_files: set[str] = set()
        self._last: dict[str, tuple] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="snapshot-watcher", daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(timeout=10)
        self._look()

    def _run(self):
        while not self._stop.wait(self.interval_s):
            self._look()

    def _look(self):
        try:
            names = os.listdir(self.directory)
        except FileNotFoundError:
            return
        for name in names:
            if SNAPSHOT_FILE.fullmatch(name):
                self._read(name)
            elif not name.startswith(".") and not SNAPSHOT_FILE.match(name):
                self.other_files.add(name)

    def _read(self, name):
        path = self.directory / name
        try:
            before = os.stat(path)
            text = path.read_bytes().decode("utf-8", errors="replace")
        except FileNotFoundError:
            return
        key = (before.st_ino, before.st_mtime_ns, before.st_size, text)
        if self._last.get(name) == key:
            return
        self._last[name] = key
        try:
            parsed = json.loads(text)
        except ValueError:
            parsed = None
        if self.versions and self.versions[-1]["name"] == name and self.versions[-1]["text"] == text \
                and self.versions[-1]["inode"] == before.st_ino:
            return
        self.versions.append({"name": name, "inode": before.st_ino, "text": text, "parsed": parsed,
                              "seen_at": time.time()})

    def save(self, path: Path):
        path.write_text(json.dumps({"versions": self.versions, "other_files": sorted(self.other_files)}))


class DuplicateSender:
    """Once every partition of `topic` holds at least two records, sends a byte-for-byte copy of
    each partition's first record to the same partition again — what a producer's retry leaves when
    the broker stored a batch but its acknowledgement was lost. Notes what it sent."""

    def __init__(self, topic: str, bootstrap: str, poll_s: float = 0.2):
        self.topic, self.bootstrap, self.poll_s = topic, bootstrap, poll_s
        self.sent: list[dict] = []
        self.error: str | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="duplicate-sender", daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(timeout=30)

    def _run(self):
        try:
            consumer = KafkaConsumer(bootstrap_servers=[self.bootstrap], enable_auto_commit=False)
        except Exception as e:  # the broker is gone: nothing to do, the checks will say so
            self.error = f"{type(e).__name__}: {e}"
            return
        try:
            while not self._stop.wait(self.poll_s):
                consumer._client.cluster.request_update()
                numbers = consumer.partitions_for_topic(self.topic)
                if not numbers:
                    continue
                partitions = [TopicPartition(self.topic, number) for number in sorted(numbers)]
                ends = consumer.end_offsets(partitions)
                if all(ends[partition] >= 2 for partition in partitions):
                    self._copy_first_records(consumer, partitions)
                    return
        except Exception as e:
            self.error = f"{type(e).__name__}: {e}"
        finally:
            consumer.close()

    def _copy_first_records(self, consumer, partitions):
        consumer.assign(partitions)
        consumer.seek_to_beginning(*partitions)
        firsts = {}
        deadline = time.monotonic() + 30
        while len(firsts) < len(partitions) and time.monotonic() < deadline:
            for partition, messages in consumer.poll(timeout_ms=1000).items():
                if messages and partition.partition not in firsts:
                    firsts[partition.partition] = messages[0]
        producer = KafkaProducer(bootstrap_servers=[self.bootstrap], acks="all")
        try:
            for number, record in sorted(firsts.items()):
                metadata = producer.send(self.topic, value=record.value, key=record.key, partition=number).get(timeout=30)
                self.sent.append({"partition": number, "copy_of": record.offset, "offset": metadata.offset})
        finally:
            producer.close()
