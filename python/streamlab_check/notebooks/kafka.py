"""kafka.ipynb — the weather project's Parts 1 and 2, the seed's rubric points 1–6.

Checked from outside: both topics read back with kafka-python (stations decoded with
proto/report.proto); the producer's settings as the Kafka client itself logs them (a log4j
configuration added for the run); the partition files compared with an independent re-count of the
topic, also every version of them seen while the consumers ran; duplicates of reports sent into
`stations` during the run, as a producer's retry leaves them, must not be counted twice.
"""
from __future__ import annotations

import datetime
import json
import math
import re
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

import yaml
from kafka import KafkaAdminClient
from kafka.errors import UnknownTopicOrPartitionError

from ..endpoints import kafka_bootstrap
from ..execution import Execution
from ..observers import SNAPSHOT_FILE, DuplicateSender, SnapshotWatcher
from ..paths import REPO
from ..rubric import Criterion, Result
from ..weather_topic import read_partitions, report_module, topic_partitions

NAME = "kafka"
SERVICES = frozenset({"kafka"})

PROTOBUF_TOPIC, JSON_TOPIC = "stations", "stations-json"
PARTITIONS = 6
STATIONS = set("ABCDEFGHIJKLMNO")
SUMMARY_KEYS = {"sum", "count", "avg", "start", "end"}
JSON_KEYS = ["date", "station", "degrees", "raining"]
DATE = re.compile(r"\d{4}-\d\d-\d\d")
COMPOSE_SERVICES = ["kafka", "nn", "dn", "spark-master", "spark-worker", "app"]
CHECK_DIR = ".streamlab-check"   # the checker's own files in the run's working directory

SETUP = Criterion("kafka.setup", "1. Dockerfile and docker-compose.yml set up the cluster", 1, code=False)
PRODUCER_FORMAT = Criterion("kafka.producer-format", "2. Producer: messages formatted and serialized right in both streams", 1)
PRODUCER_EXACTLY_ONCE = Criterion("kafka.producer-exactly-once", "3. Producer: its part of exactly-once (acks, retries)", 1)
FILE_FORMAT = Criterion("kafka.consumer-format", "4. Consumers: partition-N.json files in the right format", 1)
FILE_CONTENT = Criterion("kafka.consumer-content", "5. Consumers: the files' statistics are right for the reports consumed", 1)
CONSUMER_EXACTLY_ONCE = Criterion("kafka.consumer-exactly-once", "6. Consumers: their part of exactly-once (offsets, duplicates)", 1)

PRODUCER_LOG4J = """\
# Added by ./streamlab check: the Kafka client's own record of every producer's settings, to a file.
logger.streamlabcheck.name = org.apache.kafka.clients.producer.ProducerConfig
logger.streamlabcheck.level = info
logger.streamlabcheck.additivity = false
logger.streamlabcheck.appenderRef.file.ref = streamlabCheckProducerConfig
appender.streamlabcheck.type = File
appender.streamlabcheck.name = streamlabCheckProducerConfig
appender.streamlabcheck.fileName = {file}
appender.streamlabcheck.layout.type = PatternLayout
appender.streamlabcheck.layout.pattern = %m%n
"""


def criteria() -> list[Criterion]:
    return [SETUP, PRODUCER_FORMAT, PRODUCER_EXACTLY_ONCE, FILE_FORMAT, FILE_CONTENT, CONSUMER_EXACTLY_ONCE]


def environment(workdir: Path) -> dict[str, str]:
    """The tests' run lengths (6 polls of at most 0.5 s per consumer round; the seed's one day a second),
    the partition files in `workdir`, and the producer settings logged to a file of the run."""
    check_dir = workdir / CHECK_DIR
    check_dir.mkdir(parents=True, exist_ok=True)
    log4j = check_dir / "producer-log4j2.properties"
    log4j.write_text(PRODUCER_LOG4J.format(file=check_dir / "producer-config.log"))
    return {
        "STREAMLAB_CONSUMER_ITERATIONS": "6",
        "STREAMLAB_POLL_MS": "500",
        "STREAMLAB_SNAPSHOT_DIR": str(workdir),
        # the lib's own configuration, and ours on top (log4j merges a list into one configuration)
        "LOG4J_CONFIGURATION_FILE": f"classpath:log4j2.properties,{log4j}",
    }


@contextmanager
def supply(environment: dict[str, str]):
    """Around the run: the topics start absent (so what is read afterwards is this run's), the
    partition files are watched, and copies of early reports are sent to `stations` once it has some."""
    kafka = kafka_bootstrap(environment)
    delete_topics(kafka, [PROTOBUF_TOPIC, JSON_TOPIC])
    workdir = Path(environment["STREAMLAB_SNAPSHOT_DIR"])
    with SnapshotWatcher(workdir) as watcher, DuplicateSender(PROTOBUF_TOPIC, kafka) as duplicates:
        yield
    watcher.save(workdir / CHECK_DIR / "snapshots.json")
    (workdir / CHECK_DIR / "duplicates.json").write_text(json.dumps({"sent": duplicates.sent, "error": duplicates.error}))


def delete_topics(kafka: str, topics: list[str], timeout_s: float = 60):
    admin = KafkaAdminClient(bootstrap_servers=[kafka])
    try:
        existing = [topic for topic in topics if topic in admin.list_topics()]
        if existing:
            try:
                admin.delete_topics(existing)
            except UnknownTopicOrPartitionError:
                pass
        deadline = time.monotonic() + timeout_s
        while any(topic in admin.list_topics() for topic in topics):
            if time.monotonic() > deadline:
                raise RuntimeError(f"Kafka at {kafka} did not delete {topics} within {timeout_s} s")
            time.sleep(0.2)
    finally:
        admin.close()


# ---------------------------------------------------------------------------------------------
# What the run left, read once


class Evidence:
    """Everything the checks look at, gathered from outside after the run."""

    def __init__(self, execution: Execution):
        self.execution = execution
        self.kafka = kafka_bootstrap(execution.environment)
        self.check_dir = execution.workdir / CHECK_DIR
        self.snapshot_dir = Path(execution.environment.get("STREAMLAB_SNAPSHOT_DIR", execution.workdir))
        self.partitions = {topic: topic_partitions(topic, self.kafka) for topic in (PROTOBUF_TOPIC, JSON_TOPIC)}
        report_pb2 = report_module()

        def protobuf(key, value):
            try:
                report = report_pb2.Report.FromString(value)
                return key, value, report, None
            except Exception as e:  # protobuf's DecodeError, or anything else a corrupt value raises
                return key, value, None, f"{type(e).__name__}: {e}"

        self.protobuf = self._read(PROTOBUF_TOPIC, protobuf)
        self.texts = self._read(JSON_TOPIC, lambda key, value: (key, value))
        self.files = self._files()
        observed = self._load_json(self.check_dir / "snapshots.json", {"versions": [], "other_files": []})
        self.versions = observed["versions"]
        self.other_files = sorted(name for name in observed["other_files"]
                                  if not name.startswith(("executed", "checkpoint")))
        self.duplicates = self._load_json(self.check_dir / "duplicates.json", {"sent": [], "error": None})
        self.producer_settings = producer_settings(self.check_dir / "producer-config.log")

    def _read(self, topic, decode):
        count = self.partitions[topic]
        if not count:
            return {}
        return read_partitions(topic, decode, self.kafka, partitions=range(count), with_keys=True)

    def _files(self):
        """{partition: (text, parsed or None)} of the partition files the run left."""
        files = {}
        for path in sorted(self.snapshot_dir.glob("partition-*.json")):
            match = SNAPSHOT_FILE.fullmatch(path.name)
            if match:
                text = path.read_text(errors="replace")
                try:
                    parsed = json.loads(text)
                except ValueError:
                    parsed = None
                files[int(match.group(1))] = (text, parsed)
        return files

    @staticmethod
    def _load_json(path, default):
        try:
            return json.loads(path.read_text())
        except (FileNotFoundError, ValueError):
            return default

    def reports(self, partition):
        """[(offset, Report)] of the well-formed protobuf records of a `stations` partition."""
        return [(offset, report) for offset, (_, _, report, error) in self.protobuf.get(partition, [])
                if report is not None and error is None]

    def consumed_partitions(self):
        """The partitions the seed's three consumers read (0 to 5) that the topic has."""
        return range(min(self.partitions[PROTOBUF_TOPIC], PARTITIONS))

    def stopped(self):
        return self.execution.where_it_stopped()


def producer_settings(log: Path) -> list[dict[str, str]]:
    """Each KafkaProducer's settings as the client logged them ("ProducerConfig values:" blocks)."""
    try:
        text = log.read_text()
    except FileNotFoundError:
        return []
    blocks = []
    for block in text.split("ProducerConfig values:")[1:]:
        settings = {}
        for line in block.splitlines()[1:]:
            if not line.startswith("\t"):
                break
            key, _, value = line.strip().partition(" = ")
            settings[key] = value
        blocks.append(settings)
    return blocks


# ---------------------------------------------------------------------------------------------
# The checks


def check(execution: Execution) -> list[Result]:
    evidence = Evidence(execution)
    return [check_setup(), check_producer_format(evidence), check_producer_exactly_once(evidence),
            check_file_format(evidence), check_file_content(evidence), check_consumer_exactly_once(evidence)]


def check_setup() -> Result:
    problems = []
    dockerfile, compose = REPO / "Dockerfile", REPO / "docker-compose.yml"
    if not dockerfile.is_file():
        problems.append("there is no Dockerfile at the top of the project")
    elif not any(line.strip().upper().startswith("FROM ") for line in dockerfile.read_text().splitlines()):
        problems.append("the Dockerfile has no FROM line")
    how = "parsed as YAML (no docker compose here)"
    if not compose.is_file():
        problems.append("there is no docker-compose.yml at the top of the project")
    else:
        config, how, error = compose_config(compose)
        if error:
            problems.append(f"docker-compose.yml is not valid: {error}")
        else:
            services = sorted((config or {}).get("services") or {})
            missing = [name for name in COMPOSE_SERVICES if name not in services]
            if missing:
                problems.append(f"docker-compose.yml lacks the services {', '.join(missing)} (it has {', '.join(services)})")
    checked = (f"Dockerfile present with a FROM line; docker-compose.yml {how}, with the services "
               f"{', '.join(COMPOSE_SERVICES)}. Not checked here: that the image builds and the containers start"
               " (./streamlab test's docker lane does that)")
    return SETUP.judge(checked, problems)


def compose_config(compose: Path):
    """(config, how it was read, error or None): `docker compose config` or `docker-compose config`
    where one runs, else a plain YAML parse."""
    for command in (["docker", "compose"], ["docker-compose"]):
        try:
            version = subprocess.run([*command, "version"], capture_output=True, text=True, timeout=30)
        except (FileNotFoundError, subprocess.TimeoutExpired):
            continue
        if version.returncode != 0:
            continue
        result = subprocess.run([*command, "-f", str(compose), "config"], capture_output=True, text=True,
                                timeout=60, cwd=compose.parent)
        how = f"read by `{' '.join(command)} config`"
        if result.returncode != 0:
            lines = (result.stderr or result.stdout).strip().splitlines()
            return None, how, lines[-1] if lines else f"exit status {result.returncode}"
        return yaml.safe_load(result.stdout), how, None
    try:
        return yaml.safe_load(compose.read_text()), "parsed as YAML (no docker compose here)", None
    except yaml.YAMLError as e:
        return None, "parsed as YAML (no docker compose here)", str(e).splitlines()[0]


def check_producer_format(evidence: Evidence) -> Result:
    checked = ("Both topics read back with kafka-python: 6 partitions each; every stations value a protobuf Report"
               " (proto/report.proto), every stations-json value JSON {date, station, degrees, raining: 1|0};"
               " both keyed by the station's name; the two streams carry the same reports")
    problems = []
    for topic in (PROTOBUF_TOPIC, JSON_TOPIC):
        count = evidence.partitions[topic]
        if count == 0:
            problems.append(f"the topic {topic} does not exist — create stations and stations-json with 6 partitions"
                            + evidence.stopped())
        elif count != PARTITIONS:
            problems.append(f"{topic} has {count} partitions, not {PARTITIONS} — create both topics with 6 partitions"
                            " (and replication factor 1)")
    for topic, records in ((PROTOBUF_TOPIC, evidence.protobuf), (JSON_TOPIC, evidence.texts)):
        if evidence.partitions[topic] and not any(records.values()):
            problems.append(f"nothing was sent to {topic}" + evidence.stopped())
    if problems:
        return PRODUCER_FORMAT.judge(checked, problems)

    protobuf_days = {}
    for partition, records in evidence.protobuf.items():
        for offset, (key, _, report, error) in records:
            where = f"stations partition {partition} offset {offset}"
            if error:
                problems.append(f"{where} is not a protobuf Report ({error}) — send the bytes of a Report built"
                                " from proto/report.proto (toByteArray)")
                continue
            if unknown_fields(report):
                problems.append(f"{where} has fields report.proto does not define — send a Report's own bytes")
            problems += report_problems(where, report.date, report.station)
            problems += key_problems(PROTOBUF_TOPIC, where, key, report.station)
            protobuf_days.setdefault((report.station, report.date), (report.degrees, report.raining))
    for partition, records in evidence.texts.items():
        for offset, (key, value) in records:
            where = f"stations-json partition {partition} offset {offset}"
            fields, problem = json_report(value)
            if problem:
                problems.append(f"{where}: {problem}")
                continue
            problems += report_problems(where, fields["date"], fields["station"])
            problems += key_problems(JSON_TOPIC, where, key, fields["station"])
            same = protobuf_days.get((fields["station"], fields["date"]))
            if same is not None and (same[0] != fields["degrees"] or same[1] != bool(fields["raining"])):
                problems.append(f"stations and stations-json disagree on {fields['station']} {fields['date']}:"
                                f" {same} vs degrees {fields['degrees']}, raining {fields['raining']}"
                                " — send the same report to both")
    stations = {station for station, _ in protobuf_days}
    if not problems and stations != STATIONS:
        problems.append(f"stations carries the stations {''.join(sorted(stations))}; the seed's producer sends"
                        f" 15 (A to O)")
    return PRODUCER_FORMAT.judge(checked, first_of_each_kind(problems))


def unknown_fields(report):
    try:
        return len(report.UnknownFields())
    except (AttributeError, NotImplementedError):
        return 0


def report_problems(where, date, station):
    problems = []
    if not isinstance(date, str) or not DATE.fullmatch(date):
        problems.append(f"{where}: the date {date!r} is not YYYY-MM-DD")
    if station not in STATIONS:
        problems.append(f"{where}: {station!r} is not one of the 15 stations A to O")
    return problems


def key_problems(topic, where, key, station):
    if key is None:
        return [f"the records of {topic} have no key ({where}) — send each with the station's name as the key"
                " (as bytes), so a station's reports share one partition, in order"]
    if isinstance(station, str) and key != station.encode():
        return [f"{where}: the key {key!r} is not the station's name {station!r} as bytes"]
    return []


def json_report(value):
    """(fields, None) for a well-formed stations-json value, else (None, what is wrong)."""
    try:
        fields = json.loads(value.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, AttributeError):
        return None, f"{value[:60]!r} is not JSON text in UTF-8 — send json text's bytes"
    if not isinstance(fields, dict) or sorted(fields) != sorted(JSON_KEYS):
        keys = sorted(fields) if isinstance(fields, dict) else type(fields).__name__
        return None, f"the JSON has the keys {keys}; the seed's are {', '.join(JSON_KEYS)}"
    if isinstance(fields["raining"], bool):
        return None, (f"raining is {json.dumps(fields['raining'])} — in stations-json the seed wants 1 for rain and"
                      " 0 for none (an int, not true/false)")
    if fields["raining"] not in (0, 1) or isinstance(fields["raining"], float):
        return None, f"raining is {fields['raining']!r}, not 1 or 0"
    if isinstance(fields["degrees"], bool) or not isinstance(fields["degrees"], (int, float)):
        return None, f"degrees is {fields['degrees']!r}, not a number"
    return fields, None


def first_of_each_kind(problems):
    """One problem per kind (the text before its first digit), so a hint is not the same mistake 500 times."""
    seen, kept = set(), []
    for problem in problems:
        kind = re.sub(r"partition \d+ offset \d+", "", problem)
        kind = re.sub(r"[\d.-]+", "#", kind)
        if kind not in seen:
            seen.add(kind)
            kept.append(problem)
    return kept


def check_producer_exactly_once(evidence: Evidence) -> Result:
    checked = ("Every KafkaProducer's settings as the Kafka client logged them: acks=all and retries=10;"
               " and no report lost: each station's days in stations run without a gap from 2000-01-01")
    problems = []
    if not evidence.producer_settings:
        problems.append("no KafkaProducer was created" + evidence.stopped())
    for number, settings in enumerate(evidence.producer_settings, 1):
        acks, retries = settings.get("acks"), settings.get("retries")
        if acks not in ("-1", "all"):
            problems.append(f"producer {number} has acks={acks}: send() counts as done before every in-sync replica"
                            " has the record — set acks to all")
        if retries != "10":
            problems.append(f"producer {number} has retries={retries}"
                            + (" (the client's default)" if retries == "2147483647" else "")
                            + " — the seed asks for retries=10")
    days = {}
    for partition in evidence.protobuf:
        for _, report in evidence.reports(partition):
            days.setdefault(report.station, set()).add(report.date)
    for station, dates in sorted(days.items()):
        first, last = min(dates), max(dates)
        expected = (datetime.date.fromisoformat(last) - datetime.date(2000, 1, 1)).days + 1 if DATE.fullmatch(last) else 0
        if first != "2000-01-01" or len(dates) != expected:
            problems.append(f"station {station} has {len(dates)} days from {first} to {last} in stations: reports"
                            " were lost")
            break
    return PRODUCER_EXACTLY_ONCE.judge(checked, problems)


def check_file_format(evidence: Evidence) -> Result:
    checked = ("partition-N.json for each partition the consumers read: a JSON object with \"partition\": N and,"
               " per station, {sum, count, avg, start, end} (numbers, a whole count, YYYY-MM-DD dates)")
    wanted = list(evidence.consumed_partitions()) or list(range(PARTITIONS))
    problems = []
    for partition in wanted:
        if partition not in evidence.files:
            problems.append(f"partition-{partition}.json is missing" + evidence.stopped())
            continue
        text, snapshot = evidence.files[partition]
        problems += snapshot_format_problems(partition, snapshot, text)
    return FILE_FORMAT.judge(checked, problems)


def snapshot_format_problems(partition, snapshot, text=""):
    name = f"partition-{partition}.json"
    if not isinstance(snapshot, dict):
        return [f"{name} is not a JSON object: {text[:80]!r}"]
    problems = []
    if snapshot.get("partition") != partition or isinstance(snapshot.get("partition"), bool):
        problems.append(f"{name} has \"partition\": {snapshot.get('partition')!r}, not {partition}")
    stations = station_entries(snapshot)   # none is right for a partition nothing was read from yet
    for station, summary in stations.items():
        if not isinstance(summary, dict) or set(summary) != SUMMARY_KEYS:
            keys = sorted(summary) if isinstance(summary, dict) else repr(summary)
            problems.append(f"{name}: {station} has {keys}, not sum, count, avg, start, end")
            continue
        if not isinstance(summary["count"], int) or isinstance(summary["count"], bool):
            problems.append(f"{name}: {station}'s count {summary['count']!r} is not a whole number")
        for field in ("sum", "avg"):
            if isinstance(summary[field], bool) or not isinstance(summary[field], (int, float)):
                problems.append(f"{name}: {station}'s {field} {summary[field]!r} is not a number")
        for field in ("start", "end"):
            if not isinstance(summary[field], str) or not DATE.fullmatch(summary[field]):
                problems.append(f"{name}: {station}'s {field} {summary[field]!r} is not a YYYY-MM-DD date")
    return problems


def station_entries(snapshot):
    return {key: value for key, value in snapshot.items() if key not in ("partition", "offset")}


def well_formed(partition, snapshot):
    return isinstance(snapshot, dict) and not snapshot_format_problems(partition, snapshot)


def tally(reports, first_copy_only):
    """{station: (sum, count, start, end)} of `reports` [(offset, Report)]: each day once (its first
    copy) when first_copy_only, else every record."""
    stations = {}
    for _, report in reports:
        days = stations.setdefault(report.station, [])
        if first_copy_only and any(date == report.date for date, _ in days):
            continue
        days.append((report.date, report.degrees))
    return {station: (math.fsum(degrees for _, degrees in days), len(days), min(date for date, _ in days),
                      max(date for date, _ in days)) for station, days in stations.items()}


def same_summary(summary, expected):
    total, count, start, end = expected
    return (summary["count"] == count and summary["start"] == start and summary["end"] == end
            and math.isclose(summary["sum"], total, rel_tol=1e-9, abs_tol=1e-9))


def check_file_content(evidence: Evidence) -> Result:
    checked = ("Each station's sum, count, start and end in partition-N.json equal a re-count of its reports in"
               " partition N of stations (read with kafka-python) up to its end date; avg = sum/count")
    problems = []
    checked_files = 0
    for partition in evidence.consumed_partitions():
        text, snapshot = evidence.files.get(partition, (None, None))
        if not isinstance(snapshot, dict):
            continue
        reports = evidence.reports(partition)
        offset = snapshot.get("offset")
        for station, summary in station_entries(snapshot).items():
            if not isinstance(summary, dict) or not SUMMARY_KEYS <= set(summary):
                continue
            checked_files += 1
            own = [(o, r) for o, r in reports if r.station == station]
            if not own:
                problems.append(f"partition-{partition}.json has {station}, but partition {partition} of stations"
                                f" holds none of {station}'s reports")
                continue
            try:
                if not math.isclose(summary["avg"], summary["sum"] / summary["count"], rel_tol=1e-9):
                    problems.append(f"partition-{partition}.json: {station}'s avg {summary['avg']} is not sum/count"
                                    f" = {summary['sum'] / summary['count']}")
            except (TypeError, ZeroDivisionError):
                problems.append(f"partition-{partition}.json: {station}'s avg cannot be sum/count")
            # The reports up to the station's end date, each day once — or, for a consumer that counts
            # copies too (the exactly-once check's business), every record below the file's offset.
            up_to_end = [(o, r) for o, r in own if r.date <= str(summary["end"])]
            candidates = [tally(up_to_end, True).get(station)]
            if isinstance(offset, int):
                candidates.append(tally([(o, r) for o, r in own if o < offset], False).get(station))
            if not any(candidate and same_summary(summary, candidate) for candidate in candidates):
                total, count, start, end = candidates[0] or (0, 0, None, None)
                problems.append(f"partition-{partition}.json: {station} has count {summary['count']}, sum"
                                f" {summary['sum']:.6g}, {summary['start']} to {summary['end']}; its reports in the"
                                f" topic up to {summary['end']} give count {count}, sum {total:.6g}, {start} to {end}")
        if isinstance(offset, int) and 0 < offset:
            consumed = {r.station for o, r in reports if o < offset}
            missing = sorted(consumed - set(station_entries(snapshot)))
            if missing:
                problems.append(f"partition-{partition}.json lacks {', '.join(missing)}, whose reports lie below its"
                                f" offset {offset}")
    if not checked_files and not problems:
        problems.append("no partition file with station statistics to compare" + evidence.stopped())
    return FILE_CONTENT.judge(checked, problems)


def consistency(partition, snapshot, reports):
    """None when `snapshot` counts exactly the reports below its offset, each day once; else
    ("duplicates", text) when it counts every copy, or ("offset", text)."""
    offset = snapshot.get("offset")
    if not isinstance(offset, int) or isinstance(offset, bool):
        return ("no-offset", f"partition-{partition}.json has no offset")
    below = [(o, r) for o, r in reports if o < offset]
    once, every = tally(below, True), tally(below, False)
    stations = {station: summary for station, summary in station_entries(snapshot).items()
                if isinstance(summary, dict) and SUMMARY_KEYS <= set(summary)}
    if set(stations) == set(once) and all(same_summary(stations[s], once[s]) for s in stations):
        return None
    if once != every and set(stations) == set(every) and all(same_summary(stations[s], every[s]) for s in stations):
        twice = sorted(s for s in stations if once[s][1] != every[s][1])
        return ("duplicates", f"partition-{partition}.json counts {', '.join(twice)} {every[twice[0]][1]} times where"
                              f" the topic holds {once[twice[0]][1]} distinct days")
    counted = sum(summary["count"] for summary in stations.values() if isinstance(summary.get("count"), int))
    return ("offset", f"partition-{partition}.json has offset {offset} ({len(below)} reports below it, {len(once)}"
                      f" stations) but counts {counted} reports of {len(stations)} stations")


def check_consumer_exactly_once(evidence: Evidence) -> Result:
    copies = len(evidence.duplicates.get("sent", []))
    checked = ("Each partition-N.json's offset against the reports below it in stations, in the final files and in"
               f" every version seen while the consumers ran; {copies} copies of early reports were sent to stations"
               " (as a retried send leaves them) and must not count; files replaced whole (atomically)")
    problems = {"duplicates": [], "apart": [], "no-offset": [], "offset": [], "during": [], "atomic": []}
    files = 0
    for partition in evidence.consumed_partitions():
        text, snapshot = evidence.files.get(partition, (None, None))
        if not well_formed(partition, snapshot):
            continue
        files += 1
        found = consistency(partition, snapshot, evidence.reports(partition))
        if found:
            kind, text = found
            if kind != "duplicates" and evidence.other_files:
                problems["apart"].append(
                    f"{text}: counts and offsets are kept in different files ({', '.join(evidence.other_files[:3])}) —"
                    " save the offset inside partition-N.json, in the same (atomic) write as the counts")
            elif kind == "duplicates":
                problems["duplicates"].append(
                    f"{text}: a report was counted twice (a copy, as a retried send leaves it) — ignore a report"
                    " whose date is not after the station's end date (the date rule)")
            elif kind == "no-offset":
                problems["no-offset"].append(
                    f"{text} — record consumer.position(…) in the file with the counts, and seek to it when a"
                    " consumer starts")
            else:
                problems["offset"].append(f"{text} — the offset in the file must be the position after the last"
                                          " report counted")
    for version in evidence.versions:
        partition = int(SNAPSHOT_FILE.fullmatch(version["name"]).group(1))
        if partition not in evidence.consumed_partitions():
            continue
        if version["parsed"] is None:
            problems["atomic"].append(
                f"partition-{partition}.json was seen half-written while the consumers ran ({version['text'][:40]!r})"
                " — write partition-N.json.tmp and rename it over partition-N.json (AtomicFile)")
            continue
        if not well_formed(partition, version["parsed"]):
            continue
        found = consistency(partition, version["parsed"], evidence.reports(partition))
        if found and found[0] == "duplicates":
            problems["duplicates"].append(f"{found[1]} while the consumers ran — ignore a report whose date is not"
                                          " after the station's end date (the date rule)")
        elif found and found[0] == "offset":
            problems["during"].append(
                f"while the consumers ran, {found[1]}: the offset is saved only at the end — save"
                " consumer.position(…) in the file together with the counts, every time")
    for partition in evidence.consumed_partitions():
        seen = [v for v in evidence.versions if v["name"] == f"partition-{partition}.json" and v["parsed"] is not None]
        if len(seen) >= 3 and len({v["inode"] for v in seen}) == 1:
            problems["atomic"].append(
                f"partition-{partition}.json is rewritten in place ({len(seen)} versions, one file): a reader (or a"
                " crash) can meet half a file — write partition-N.json.tmp and rename it over (AtomicFile)")
    ordered = [problem for kind in ("duplicates", "apart", "no-offset", "offset", "during", "atomic")
               for problem in problems[kind]]
    if not files and not ordered:
        ordered.append("no partition file to check" + evidence.stopped())
    return CONSUMER_EXACTLY_ONCE.judge(checked, ordered)
