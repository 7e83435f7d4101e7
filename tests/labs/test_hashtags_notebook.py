"""notebooks/hashtags.ipynb under nbconvert, checked from outside: the top ten shown last (a settled
window) against the tweets the notebook's socket server recorded it sent in that window (the replay
writes each tweet with its time to STREAMLAB_HASHTAGS_RECORD), the live table and bar chart replaced
in place, and the wait for the first batch."""
import base64
import collections
import datetime
import re

import pytest

from streamlab_support.notebook_runner import cell_starting_with, cell_text, error_outputs, execute_notebook

# Spark stamps a tweet when it arrives, the replay just before the server sends it: on loopback the
# arrival follows by far less than this, so only a tweet sent this close before a window's edge may be
# counted on either side of it.
EDGE_MS = 1000
WINDOW_MS, SLIDE_MS = 4000, 2000
TITLE = re.compile(r"^top ten (\S+) to (\S+)$", re.MULTILINE)
ROW = re.compile(r"^  (#\w+) (\d+)$", re.MULTILINE)


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("hashtags-notebook")
    record = workdir / "sent.tsv"
    notebook = execute_notebook("hashtags.ipynb", workdir, timeout_s=300,
                                STREAMLAB_HASHTAGS_PAUSE="20ms", STREAMLAB_HASHTAGS_WINDOW=f"{WINDOW_MS}ms",
                                STREAMLAB_HASHTAGS_SLIDE=f"{SLIDE_MS}ms", STREAMLAB_HASHTAGS_TRIGGER="1s",
                                STREAMLAB_HASHTAGS_REFRESHES=5, STREAMLAB_HASHTAGS_REFRESH_INTERVAL="2s",
                                STREAMLAB_HASHTAGS_SEED=42, STREAMLAB_HASHTAGS_RECORD=record)
    sent = []
    for line in record.read_text().splitlines():
        sent_at, tweet = line.split("\t", 1)
        sent.append((int(sent_at), tweet))
    return notebook, sent


def millis(instant):
    return int(datetime.datetime.fromisoformat(instant.replace("Z", "+00:00")).timestamp() * 1000)


def tag_counts(tweets):
    counts = collections.Counter()
    for tweet in tweets:
        counts.update(word.lower() for word in tweet.split() if word.startswith("#") and word != "#")
    return counts


def last_top_ten(notebook):
    shown = cell_text(cell_starting_with(notebook, "for (int refresh = 0;"))
    title = TITLE.search(shown)
    assert title, f"the last top ten is not of a settled window:\n{shown}"
    return title, [(tag, int(count)) for tag, count in ROW.findall(shown)]


def test_the_notebook_runs_without_errors(run):
    notebook, _ = run
    assert error_outputs(notebook) == []


def test_the_socket_server_in_the_notebook_sent_tweets_to_spark(run):
    notebook, sent = run
    assert len(sent) > 50, "the server sent almost nothing"
    assert all(any(word.startswith("#") for word in tweet.split()) for _, tweet in sent)
    assert [at for at, _ in sent] == sorted(at for at, _ in sent)
    listening = re.search(r"Listening on port: (\d+)", cell_text(cell_starting_with(notebook, "ServerSocket serverSocket")))
    assert listening and int(listening.group(1)) > 0
    stopped = cell_text(cell_starting_with(notebook, "query.stop();"))
    assert "tweet server stopped" in stopped


def test_the_last_top_ten_matches_the_tweets_sent_in_its_window(run):
    notebook, sent = run
    title, rows = last_top_ten(notebook)
    start, end = millis(title.group(1)), millis(title.group(2))
    assert end - start == WINDOW_MS and start % SLIDE_MS == 0, "not one of the sliding windows"
    # Settled: the server went on sending after the window had ended.
    assert sent[-1][0] >= end
    assert 1 <= len(rows) <= 10
    assert [count for _, count in rows] == sorted((count for _, count in rows), reverse=True)

    # A tweet arrives after it was sent, by less than EDGE_MS.
    certainly_in = tag_counts(tweet for at, tweet in sent if start <= at < end - EDGE_MS)
    maybe_in = tag_counts(tweet for at, tweet in sent if start - EDGE_MS <= at < end)
    for tag, count in rows:
        assert certainly_in[tag] <= count <= maybe_in[tag], (tag, count, certainly_in[tag], maybe_in[tag])
    if len(rows) == 10:
        shown_tags = {tag for tag, _ in rows}
        for tag, count in certainly_in.items():
            if tag not in shown_tags:
                assert count <= rows[-1][1], f"{tag} ({count}+ tweets) belongs in the top ten"


def test_the_table_and_the_chart_were_replaced_in_place_with_the_last_top_ten(run):
    notebook, _ = run
    display_cell = cell_starting_with(notebook, "Table table(TopTen top)")
    displays = [output for output in display_cell.outputs if output.output_type == "display_data"]
    assert len(displays) == 2, "one table and one chart, updated in place rather than added"
    table, chart = displays
    title, rows = last_top_ten(notebook)
    assert title.group(0) in table.data["text/plain"]
    for tag, count in rows:
        assert re.search(re.escape(tag) + r"\s*\|\s*" + str(count) + r"\b", table.data["text/plain"]), (tag, count)
    png = base64.b64decode(chart.data["image/png"])
    assert png.startswith(b"\x89PNG")


def test_it_waited_for_the_first_batch_instead_of_failing(run):
    notebook, _ = run
    asked_early = cell_text(cell_starting_with(notebook, 'spark.sql("SELECT tag, count FROM tweets")'))
    assert re.search(r"\d+ rows in tweets right after the start", asked_early), asked_early
    text = cell_text(cell_starting_with(notebook, "if (!StreamWait.untilDataBatches"))
    batches = re.search(r"(\d+) batch\(es\) with tweets so far", text)
    assert batches and int(batches.group(1)) >= 1, text
    assert re.search(r"Received request from: /127\.0\.0\.1:\d+", text), text
