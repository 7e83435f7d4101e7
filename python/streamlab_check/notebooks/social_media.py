"""social-media.ipynb — the seed's crawler lab (000): each platform's time and author extracted from its
own payload shape, the time in UTC+7 binned to five minutes, a running record per `platform;bin`
(count, unique_count, user_ids, created_at, updated_at) kept across batches, and every bad payload
(broken JSON, a missing field, an unknown platform) reported and skipped. Checked against every
payload read back from the topic with kafka-python and parsed here platform by platform, as the seed
does."""
import collections
import datetime
import json
import re
from dataclasses import dataclass
from pathlib import Path

from streamlab_check.endpoints import kafka_bootstrap
from streamlab_check.execution import Execution
from streamlab_check.labs_support import (Miss, Rule, console_tables, printed, read_topic, require,
                                          require_recreated, results)
from streamlab_check.rubric import Criterion, Result

NAME = "social-media"
SERVICES = frozenset({"kafka"})
TOPIC = "social_media"  # SocialMediaSettings.TOPIC: the notebook recreates it on every run
SAMPLES = 8             # the notebook extracts the first payloads of its seed, the ones it then sends first
WIB = datetime.timezone(datetime.timedelta(hours=7))
BIN_COLUMNS = ["key", "count", "unique_count", "user_ids", "created_at", "updated_at"]
BAD_INPUT_COLUMNS = ["reason", "count_so_far", "payload"]
STARTED = "social-media-started"  # when environment() ran, just before the notebook: bounds created_at
PLATFORMS = {
    # platform: (time field, author field, time -> aware datetime), as the seed's *_extract_map
    "facebook": ("created_time", "from.id",
                 lambda text: datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%S%z")),
    "instagram": ("created_time", "user.id",
                  lambda text: datetime.datetime.fromtimestamp(int(text), datetime.timezone.utc)),
    "twitter": ("created_at", "user_id",
                lambda text: datetime.datetime.strptime(text, "%a %b %d %H:%M:%S %z %Y")),
    "youtube": ("snippet.publishedAt", "snippet.channelId",
                lambda text: datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)),
}
SAMPLE_LINE = re.compile(r"^(\w+)\s+(\S+)\s+user (\S+)\s+-> (\S+)$")


def environment(workdir: Path) -> dict[str, str]:
    (workdir / STARTED).write_text(now().isoformat())
    return {"STREAMLAB_SOCIAL_PAUSE": "200ms", "STREAMLAB_SOCIAL_TRIGGER": "1s", "STREAMLAB_SOCIAL_DURATION": "6s",
            "STREAMLAB_SOCIAL_SEED": "7", "STREAMLAB_SOCIAL_FIRST_BATCH_WAIT": "60s"}


def now() -> datetime.datetime:
    """The wall clock in UTC+7 without its zone, as the notebook writes created_at and updated_at."""
    return datetime.datetime.now(WIB).replace(tzinfo=None)


EXTRACTION = Criterion("extraction", "each platform's time (in UTC+7) and author are read from its own payload shape", 2)
BINS = Criterion("bins", "every post is counted under its key platform;bin (five minutes, UTC+7)", 3)
UNIQUE = Criterion("unique", "unique_count and user_ids hold each author once per bin", 2)
STATE = Criterion("state", "records carry over across batches: created_at kept, count and updated_at grow", 2)
BAD_INPUTS = Criterion("bad_inputs", "every bad payload is reported once with its reason and counted per reason", 2)


def criteria() -> list[Criterion]:
    return [EXTRACTION, BINS, UNIQUE, STATE, BAD_INPUTS]


def dig(payload, path):
    node = payload
    for field in path.split("."):
        node = node.get(field) if isinstance(node, dict) else None
        if node is None:
            return None
    return None if isinstance(node, (dict, list)) or node == "" else str(node)


def extract(text):
    """(key, user id, time in UTC+7) of a post, or (None, reason) of a bad input."""
    try:
        payload = json.loads(text)
    except ValueError:
        return None, "broken JSON"
    if not isinstance(payload, dict):
        return None, "broken JSON"
    platform = dig(payload, "crawler_target.specific_resource_type")
    if platform is None:
        return None, "missing field crawler_target.specific_resource_type"
    if platform not in PLATFORMS:
        return None, f"unknown platform {platform}"
    time_field, user_field, parse = PLATFORMS[platform]
    for field in (time_field, user_field):
        if dig(payload, field) is None:
            return None, f"missing field {field}"
    local = parse(dig(payload, time_field)).astimezone(WIB).replace(tzinfo=None)
    binned = local.replace(minute=local.minute // 5 * 5, second=0)
    return (f"{platform};{binned.isoformat()}", dig(payload, user_field), local), None


@dataclass(frozen=True)
class Evidence:
    payloads: list[str]
    extracted: list  # extract(payload) for each
    sample_lines: list[str]
    bins: list[list[str]]        # every bin row printed, in order
    bad_inputs: list[list[str]]  # every bad-input row printed, in order
    started: datetime.datetime
    finished: datetime.datetime


def gather(execution: Execution) -> Evidence:
    finished = now()
    started_file = execution.workdir / STARTED
    started = datetime.datetime.fromisoformat(started_file.read_text()) if started_file.exists() else datetime.datetime.min
    require_recreated(execution, TOPIC)
    payloads = read_topic(kafka_bootstrap(execution.environment), TOPIC)
    require(payloads, f"the topic {TOPIC} is empty", "the crawler (LineProducer) never sent a payload")
    lines = [line for line in printed(execution.executed).splitlines()
             if SAMPLE_LINE.match(line) or line.startswith("rejected: ")]
    bins = [row for table in console_tables(execution.executed, BIN_COLUMNS) for row in table.rows]
    bad = [row for table in console_tables(execution.executed, BAD_INPUT_COLUMNS) for row in table.rows]
    return Evidence(payloads, [extract(payload) for payload in payloads], lines, bins, bad, started, finished)


def users(cell: str) -> list[str]:
    return [user for user in cell.strip("[]").split(", ") if user]


def check_extraction(e: Evidence) -> str:
    require(len(e.sample_lines) >= SAMPLES, f"{len(e.sample_lines)} sample line(s) printed",
            "extract the sample payloads: one `platform time  user ID  -> key` or `rejected: reason` line each")
    for payload, line, (post, reason) in zip(e.payloads, e.sample_lines, e.extracted):
        if reason:
            require(line == f"rejected: {reason}", f"`{line}` for a payload rejected for {reason}: {payload[:90]}",
                    "check the platform, then the time field, then the author field, each a reason of its own")
            continue
        match = SAMPLE_LINE.match(line)
        require(match, f"`{line}` for a {post[0].split(';')[0]} post", "a valid post was rejected: read each platform's own fields")
        platform, time, user, _ = match.groups()
        key, author, local = post
        require((platform, user) == (key.split(";")[0], author), f"`{line}`: expected {key.split(';')[0]}, user {author}",
                "the author is read from the wrong field (from.id, user.id, user_id, snippet.channelId)")
        shown = datetime.datetime.fromisoformat(time)
        hint = "the time is not in UTC+7: add seven hours to the payload's UTC time" if shown - local in (
            datetime.timedelta(hours=-7), datetime.timedelta(hours=7)) else None
        require(shown == local, f"`{line}`: the time in UTC+7 is {local.isoformat()}", hint)
    return f"the first {SAMPLES} payloads on the topic extracted as the seed does"


def expected_bins(e: Evidence):
    counts, authors = collections.Counter(), collections.defaultdict(set)
    for post, _ in e.extracted:
        if post:
            counts[post[0]] += 1
            authors[post[0]].add(post[1])
    return counts, authors


def wrong_keys(e: Evidence) -> dict[str, set[str]]:
    """The keys the common binning mistakes give, by the mistake's name."""
    def keys(shift_hours=0, minutes=5, seconds=False):
        made = set()
        for post, _ in e.extracted:
            if post:
                time = post[2] + datetime.timedelta(hours=shift_hours)
                time = time.replace(minute=time.minute // minutes * minutes, second=time.second if seconds else 0)
                made.add(f"{post[0].split(';')[0]};{time.isoformat()}")
        return made
    return {"the times are UTC: convert them to UTC+7 before binning": keys(shift_hours=-7),
            "the bins are ten minutes wide: round the minute down to a multiple of five": keys(minutes=10),
            "the bins are an hour wide: round the minute down to a multiple of five": keys(minutes=60),
            "the time is not rounded down to five minutes": keys(minutes=1, seconds=True),
            "the seconds are kept: set them to zero in the bin": keys(seconds=True)}


def last_records(e: Evidence) -> dict[str, list[str]]:
    require(e.bins, "no table of key | count | unique_count | user_ids | created_at | updated_at was printed")
    return {row[0]: row for row in e.bins}


def check_bins(e: Evidence) -> str:
    counts, _ = expected_bins(e)
    last = last_records(e)
    if set(last) != set(counts):
        hint = next((mistake for mistake, keys in wrong_keys(e).items() if set(last) == keys), None)
        raise Miss(f"printed keys {sorted(last)[:3]}…; the topic's posts fall in {sorted(counts)[:3]}…", hint)
    for key, row in last.items():
        require(int(row[1]) == counts[key], f"{key}: count {row[1]}, the topic holds {counts[key]} posts",
                "count every post of the bin, across batches")
    return f"{len(last)} keys, each last printed with the count of its posts on the topic ({sum(counts.values())} posts)"


def check_unique(e: Evidence) -> str:
    _, authors = expected_bins(e)
    last = last_records(e)
    for key, row in last.items():
        shown = users(row[3])
        require(key in authors and set(shown) == authors[key] and len(shown) == len(authors[key]),
                f"{key}: user_ids {shown}, its authors on the topic are {sorted(authors.get(key, []))}",
                "keep each author once per bin (a set), across batches")
        require(int(row[2]) == len(authors[key]), f"{key}: unique_count {row[2]}, {len(authors[key])} authors",
                "unique_count is the number of different authors: the size of user_ids")
    return f"{len(last)} bins with the authors of their posts, each once"


def check_state(e: Evidence) -> str:
    require(e.bins, "no bin record was printed")
    seen, carried = {}, 0
    for key, count, unique_count, user_ids, created_at, updated_at in e.bins:
        created, updated = datetime.datetime.fromisoformat(created_at), datetime.datetime.fromisoformat(updated_at)
        require(e.started <= created <= updated <= e.finished,
                f"{key}: created_at {created_at}, updated_at {updated_at} — not between {e.started} and {e.finished}",
                "created_at and updated_at are the stream's clock in UTC+7 when a batch first and last touched the bin")
        if key in seen:
            carried += 1
            before_count, before_created, before_updated, before_users = seen[key]
            require(created == before_created, f"created_at of {key} changed from {before_created} to {created}",
                    "set created_at only when the bin has no state yet")
            require(int(count) > before_count and updated > before_updated,
                    f"{key}: count {before_count} → {count}, updated_at {before_updated} → {updated}",
                    "add each batch's posts to the record kept from earlier batches (GroupState), and set updated_at")
            require(set(users(user_ids)) >= before_users, f"{key} forgot authors of an earlier batch")
        seen[key] = (int(count), created, updated, set(users(user_ids)))
    require(carried, "no bin was printed by two batches: nothing shows a record kept across batches",
            "keep the record in the state (mapGroupsWithState) instead of counting each batch alone")
    return f"{carried} later record(s) of a bin kept created_at and grew count and updated_at"


def check_bad_inputs(e: Evidence) -> str:
    # A console table pads its cells, so a cut-off payload's trailing space is lost in print.
    expected = collections.Counter((reason, payload.rstrip()) for payload, (_, reason) in zip(e.payloads, e.extracted)
                                   if reason)
    require(e.bad_inputs, f"no table of reason | count_so_far | payload was printed; the topic holds {sum(expected.values())} bad payloads")
    shown = collections.Counter((reason, payload) for reason, _, payload in e.bad_inputs)
    require(shown == expected, f"{sum(shown.values())} reported, {sum(expected.values())} bad payloads on the topic;"
                               f" differing: {list((shown - expected) + (expected - shown))[:2]}",
            "report every bad payload once (append mode), with its reason")
    numbers = collections.defaultdict(list)
    for reason, count_so_far, _ in e.bad_inputs:
        numbers[reason].append(int(count_so_far))
    per_reason = collections.Counter(reason for reason, _ in expected)
    for reason, counted in numbers.items():
        require(sorted(counted) == list(range(1, per_reason[reason] + 1)),
                f"{reason}: counted {sorted(counted)}, {per_reason[reason]} payloads",
                "count per reason across batches: keep the running count in the reason's state")
    return f"{sum(expected.values())} bad payloads, each reported once, numbered per reason ({len(per_reason)} reasons)"


RULES = [
    Rule(EXTRACTION, "the posts are not extracted as the seed does: each platform's time field, read its way, shown in"
                     " UTC+7, and its author field", check_extraction),
    Rule(BINS, "the posts are not counted per platform;bin: key = platform + \";\" + the time in UTC+7 rounded down to"
               " five minutes (yyyy-MM-dd'T'HH:mm:ss)", check_bins),
    Rule(UNIQUE, "unique_count or user_ids are wrong: each author once per bin", check_unique),
    Rule(STATE, "the records are not kept across batches: mapGroupsWithState with the bin's record as its state", check_state),
    Rule(BAD_INPUTS, "the bad payloads are not reported and counted: a stream of the rejected payloads grouped by reason,"
                     " with a running count (flatMapGroupsWithState)", check_bad_inputs),
]


def check(execution: Execution) -> list[Result]:
    return results(RULES, execution, lambda: gather(execution))
