"""notebooks/social-media.ipynb under nbconvert, checked from outside: every payload on the topic,
read back by an independent client (kafka-python) and parsed here platform by platform as the seed
did, against what the notebook printed — the last record of every `platform;bin`, the records across
batches, and every bad input with its reason and running count; and the notebook's extraction of its
sample payloads against the same independent parsing."""
import collections
import datetime
import json

import pytest

from streamlab_support import kafka_bootstrap
from streamlab_support.notebook_runner import cell_starting_with, cell_text, error_outputs, execute_notebook
from streamlab_check.weather_topic import read_partitions

WIB = datetime.timezone(datetime.timedelta(hours=7))
BIN_COLUMNS = ["key", "count", "unique_count", "user_ids", "created_at", "updated_at"]
BAD_INPUT_COLUMNS = ["reason", "count_so_far", "payload"]
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


def bootstrap():
    return kafka_bootstrap()


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


def table_rows(text, columns):
    """The rows of every console table in `text` whose header is `columns`, as lists of cells."""
    rows, inside = [], False
    for line in text.splitlines():
        if not line.startswith("|"):
            inside = inside and line.startswith("+")
            continue
        cells = [cell.strip() for cell in line.strip()[1:-1].split("|")]
        if cells == columns:
            inside = True
        elif inside:
            assert len(cells) == len(columns), line
            rows.append(cells)
    return rows


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("social-media-notebook")
    started = datetime.datetime.now(WIB).replace(tzinfo=None)
    notebook = execute_notebook("social-media.ipynb", workdir, timeout_s=300,
                                STREAMLAB_SOCIAL_PAUSE="200ms", STREAMLAB_SOCIAL_TRIGGER="1s",
                                STREAMLAB_SOCIAL_DURATION="6s", STREAMLAB_SOCIAL_SEED=7)
    finished = datetime.datetime.now(WIB).replace(tzinfo=None)
    payloads = [value for _, value in read_partitions("social_media", lambda value: value.decode("utf-8"),
                                                      bootstrap(), partitions=range(1))[0]]
    printed = "".join(cell_text(cell) for cell in notebook.cells if cell.cell_type == "code")
    return notebook, payloads, printed, (started, finished)


def test_the_notebook_runs_without_errors(run):
    notebook, _, _, _ = run
    assert error_outputs(notebook) == []


def test_the_sample_payloads_are_extracted_and_binned_as_the_seed_does(run):
    notebook, _, _, _ = run
    payloads = cell_text(cell_starting_with(notebook, "List<String> samplePayloads")).splitlines()
    lines = cell_text(cell_starting_with(notebook, "for (String payload : samplePayloads)")).splitlines()
    assert len(payloads) == len(lines) == 8, lines
    for payload, line in zip(payloads, lines):
        post, reason = extract(payload)
        if reason:
            assert line == f"rejected: {reason}", payload
        else:
            key, user, local = post
            platform, time, _, printed_user, _, printed_key = line.split()
            assert (platform, printed_user, printed_key) == (key.split(";")[0], user, key), payload
            assert datetime.datetime.fromisoformat(time) == local, payload


def test_every_payload_sent_is_on_the_topic_and_was_read_by_both_queries(run):
    notebook, payloads, _, _ = run
    summary = cell_text(cell_starting_with(notebook, "StreamingQuery badInputQuery"))
    assert f"{len(payloads)} payloads sent, all of them read by both queries" in summary
    assert "failed 0" in cell_text(cell_starting_with(notebook, "spark.stop()"))
    assert len(payloads) >= 20


def test_the_topic_mixes_posts_of_every_platform_with_every_kind_of_bad_input(run):
    _, payloads, _, _ = run
    extracted = [extract(payload) for payload in payloads]
    platforms = {post[0].split(";")[0] for post, _ in extracted if post}
    assert platforms == set(PLATFORMS)
    kinds = {reason.split(" ")[0] for _, reason in extracted if reason}
    assert kinds == {"broken", "missing", "unknown"}


def test_the_last_record_of_every_bin_counts_every_post_on_the_topic(run):
    _, payloads, printed, _ = run
    expected_counts, expected_users = collections.Counter(), collections.defaultdict(set)
    for post, _ in map(extract, payloads):
        if post:
            expected_counts[post[0]] += 1
            expected_users[post[0]].add(post[1])
    rows = table_rows(printed, BIN_COLUMNS)
    assert rows, printed[-3000:]
    last = {row[0]: row for row in rows}
    assert set(last) == set(expected_counts)
    for key, (_, count, unique_count, user_ids, _, _) in last.items():
        users = user_ids.strip("[]").split(", ")
        assert int(count) == expected_counts[key], key
        assert int(unique_count) == len(expected_users[key]) == len(users), key
        assert set(users) == expected_users[key], key


def test_the_records_carry_over_from_batch_to_batch(run):
    _, _, printed, (started, finished) = run
    rows = table_rows(printed, BIN_COLUMNS)
    seen = {}
    carried = 0
    for key, count, unique_count, user_ids, created_at, updated_at in rows:
        created = datetime.datetime.fromisoformat(created_at)
        updated = datetime.datetime.fromisoformat(updated_at)
        # created_at and updated_at are the stream's clock in UTC+7, during this run.
        assert started <= created <= updated <= finished, (key, created_at, updated_at, started, finished)
        assert int(unique_count) == len(user_ids.strip("[]").split(", "))
        if key in seen:
            carried += 1
            before_count, before_created, before_updated, before_users = seen[key]
            assert created == before_created, f"created_at of {key} changed"
            assert int(count) > before_count and updated > before_updated, key
            assert set(user_ids.strip("[]").split(", ")) >= before_users, key
        seen[key] = (int(count), created, updated, set(user_ids.strip("[]").split(", ")))
    assert carried > 0, "no bin was printed by two batches: nothing shows the state across batches"


def test_every_bad_input_is_reported_once_with_its_reason_and_counted(run):
    _, payloads, printed, _ = run
    # A console table pads its cells, so a cut-off payload's trailing space is lost in print.
    expected = collections.Counter((reason, payload.rstrip()) for payload in payloads
                                   for post, reason in [extract(payload)] if reason)
    rows = table_rows(printed, BAD_INPUT_COLUMNS)
    assert collections.Counter((reason, payload) for reason, _, payload in rows) == expected
    numbers = collections.defaultdict(list)
    for reason, count_so_far, _ in rows:
        numbers[reason].append(int(count_so_far))
    per_reason = collections.Counter(reason for reason, _ in expected)
    for reason, counted in numbers.items():
        assert sorted(counted) == list(range(1, per_reason[reason] + 1)), reason
