"""hashtags.ipynb — the seed's trending hashtags (004): complete `read.py` (a socket server that
listens, accepts Spark, says who connected and relays the tweets), count hashtags over a sliding
window, show the top ten as a table and a bar chart. Checked against the tweets the replay recorded it
sent, with their times (STREAMLAB_HASHTAGS_RECORD): the last top ten is recounted from the tweets sent
in its window."""
import base64
import collections
import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from streamlab_check.execution import Execution
from streamlab_check.labs_support import Miss, Rule, code_cells, printed, require, results
from streamlab_check.rubric import Criterion, Result

NAME = "hashtags"
SERVICES = frozenset()  # the socket server and Spark run in the notebook's JVM
WINDOW_MS, SLIDE_MS = 4000, 2000
# Spark stamps a tweet when it arrives, the replay just before the server sends it: on loopback the
# arrival follows by far less than this, so only a tweet sent this close before a window's edge may be
# counted on either side of it.
EDGE_MS = 1000
TITLE = re.compile(r"^top ten (\S+) to (\S+)( \(so far\))?$", re.MULTILINE)
ROW = re.compile(r"^  (#\S+) (\d+)$")


def environment(workdir: Path) -> dict[str, str]:
    return {"STREAMLAB_HASHTAGS_PAUSE": "20ms", "STREAMLAB_HASHTAGS_WINDOW": f"{WINDOW_MS}ms",
            "STREAMLAB_HASHTAGS_SLIDE": f"{SLIDE_MS}ms", "STREAMLAB_HASHTAGS_TRIGGER": "1s",
            "STREAMLAB_HASHTAGS_REFRESHES": "5", "STREAMLAB_HASHTAGS_REFRESH_INTERVAL": "2s",
            "STREAMLAB_HASHTAGS_SEED": "42", "STREAMLAB_HASHTAGS_FIRST_BATCH_WAIT": "60s",
            "STREAMLAB_HASHTAGS_RECORD": str(workdir / "hashtags-sent.tsv")}


SERVER = Criterion("server", "read.py: the socket server listens, accepts Spark, says who connected and sends the tweets", 2)
COUNTS = Criterion("counts", "each hashtag's count is the tweets of its window holding it (split, lower-cased, counted)", 3)
WINDOW = Criterion("window", "the top ten is of a settled sliding window of the set length and slide", 2)
TOP_TEN = Criterion("top_ten", "the window's ten most frequent hashtags, most frequent first", 2)
CHART = Criterion("chart", "a table and a bar chart of the last top ten, replaced in place", 1)


def criteria() -> list[Criterion]:
    return [SERVER, COUNTS, WINDOW, TOP_TEN, CHART]


@dataclass(frozen=True)
class TopTen:
    title: str
    start: int  # ms since the epoch
    end: int
    settled: bool
    rows: list[tuple[str, int]]


@dataclass(frozen=True)
class Evidence:
    sent: list[tuple[int, str]]  # (ms sent, tweet), in order
    text: str                    # everything the notebook printed
    top: TopTen | None           # the last top ten it showed
    displays: list               # the top ten's tables and charts shown by the cell that shows the most charts


def millis(instant: str) -> int:
    return int(datetime.datetime.fromisoformat(instant.replace("Z", "+00:00")).timestamp() * 1000)


def last_top_ten(text: str) -> TopTen | None:
    tops = []
    for title in TITLE.finditer(text):
        rows = []
        for line in text[title.end() + 1:].splitlines():
            row = ROW.match(line)
            if not row:
                break
            rows.append((row.group(1), int(row.group(2))))
        tops.append(TopTen(title.group(0), millis(title.group(1)), millis(title.group(2)), not title.group(3), rows))
    return tops[-1] if tops else None


def gather(execution: Execution) -> Evidence:
    record = Path(execution.environment["STREAMLAB_HASHTAGS_RECORD"])
    sent = []
    if record.exists():
        for line in record.read_text().splitlines():
            sent_at, tweet = line.split("\t", 1)
            sent.append((int(sent_at), tweet))
    text = printed(execution.executed)
    # The cell that shows the most charts, and what it shows of the top ten (not the kernel's panels of
    # Spark jobs and queries, which are displays too).
    displays = max(([output for output in cell.outputs if output.output_type == "display_data"
                     and ("image/png" in output.data or "top ten" in output.data.get("text/plain", ""))]
                    for cell in code_cells(execution.executed)),
                   key=lambda shown: sum("image/png" in output.data for output in shown), default=[])
    return Evidence(sent, text, last_top_ten(text), displays)


def tag_counts(tweets) -> collections.Counter:
    counts = collections.Counter()
    for tweet in tweets:
        counts.update(word.lower() for word in tweet.split() if word.startswith("#") and word != "#")
    return counts


def check_server(e: Evidence) -> str:
    listening = re.search(r"Listening on port: (\d+)", e.text)
    require(listening and int(listening.group(1)) > 0, "no `Listening on port: N` printed",
            "bind a ServerSocket to 127.0.0.1 and print the port it listens on")
    require(len(e.sent) > 50, f"the server sent {len(e.sent)} tweets",
            "the server thread did not accept Spark's connection or stopped sending: accept(), then println every tweet")
    require(re.search(r"Received request from: /127\.0\.0\.1:\d+", e.text), "no `Received request from: /127.0.0.1:PORT` printed",
            "print the client's address the accepted socket connected from")
    return f"listening on port {listening.group(1)}, Spark connected, {len(e.sent)} tweets sent"


def top_ten(e: Evidence) -> TopTen:
    require(e.top, "no `top ten START to END` was shown", "the top ten was never computed: query the table tweets for a window")
    require(e.top.rows, f"the last top ten ({e.top.title}) is empty", "the top ten was asked for before any tweet arrived:"
            " wait for the first batch with data (StreamWait.untilDataBatches)")
    return e.top


def check_counts(e: Evidence) -> str:
    top = top_ten(e)
    certainly_in = tag_counts(tweet for at, tweet in e.sent if top.start <= at < top.end - EDGE_MS)
    maybe_in = tag_counts(tweet for at, tweet in e.sent if top.start - EDGE_MS <= at < top.end)
    for tag, count in top.rows:
        require(certainly_in[tag] <= count <= maybe_in[tag],
                f"{tag} shows {count}; the tweets sent in {top.title[8:]} hold it {certainly_in[tag]} to {maybe_in[tag]} times")
    return f"{len(top.rows)} counts of {top.title[8:]} match the tweets sent in it"


def check_window(e: Evidence) -> str:
    top = top_ten(e)
    require(top.settled, f"the last top ten is of an unsettled window ({top.title})",
            "show the latest window that ended before the last batch, so its counts are final")
    require(top.end - top.start == WINDOW_MS and top.start % SLIDE_MS == 0,
            f"window {top.title[8:]}: {top.end - top.start} ms long, starting {top.start % SLIDE_MS} ms past a slide",
            f"window(timestamp, length, slide) with the settings' length ({WINDOW_MS} ms) and slide ({SLIDE_MS} ms)")
    require(e.sent and e.sent[-1][0] >= top.end, "the server stopped sending before the window ended")
    return f"{top.title[8:]}: {WINDOW_MS} ms, on a {SLIDE_MS} ms slide, settled"


def check_top_ten(e: Evidence) -> str:
    top = top_ten(e)
    counts = [count for _, count in top.rows]
    require(len(top.rows) <= 10, f"{len(top.rows)} rows", "LIMIT 10")
    require(counts == sorted(counts, reverse=True), f"counts in the order {counts}", "ORDER BY count DESC: most frequent first")
    certainly_in = tag_counts(tweet for at, tweet in e.sent if top.start <= at < top.end - EDGE_MS)
    shown = {tag for tag, _ in top.rows}
    if len(top.rows) == 10:
        missing = [(tag, count) for tag, count in certainly_in.items() if tag not in shown and count > counts[-1]]
        if missing:
            raise Miss(f"{missing[0][0]} ({missing[0][1]}+ tweets) is not shown, {top.rows[-1][0]} ({counts[-1]}) is",
                       "ORDER BY count DESC before LIMIT 10: the ten most frequent")
    else:
        require(not set(certainly_in) - shown, f"only {len(top.rows)} hashtags shown; the window holds {len(certainly_in)}")
    return f"{len(top.rows)} hashtags, the window's most frequent first"


def check_chart(e: Evidence) -> str:
    top = top_ten(e)
    tables = [output for output in e.displays if "image/png" not in output.data]
    charts = [output for output in e.displays if "image/png" in output.data]
    require(tables and charts, f"{len(tables)} table(s) and {len(charts)} chart(s) of the top ten shown in one cell",
            "display(table) and display(chart) once, then updateDisplay(id, ...) to replace them")
    require(len(tables) == len(charts) == 1, f"{len(tables)} tables and {len(charts)} charts in one cell: added, not replaced",
            "replace the table and chart in place with updateDisplay(id, ...) instead of displaying new ones")
    table = tables[0].data.get("text/plain", "")
    require(top.title in table and all(re.search(re.escape(tag) + r"\s*\|\s*" + str(count) + r"\b", table)
                                       for tag, count in top.rows),
            "the table shown is not the last top ten", "update the table with the last top ten at every refresh")
    require(base64.b64decode(charts[0].data["image/png"]).startswith(b"\x89PNG"), "the chart is not a PNG image")
    return "one table and one bar chart, holding the last top ten"


RULES = [
    Rule(SERVER, "the socket server did not send tweets to Spark: bind, print the port, accept, print the client, send"
                 " one tweet per line", check_server),
    Rule(COUNTS, "the counts are not the window's: split the tweets into words, keep those starting with #, lower-case"
                 " them, groupBy(window(timestamp, length, slide), tag).count()", check_counts),
    Rule(WINDOW, "not a settled window of the set length and slide", check_window),
    Rule(TOP_TEN, "not the ten most frequent: ORDER BY count DESC LIMIT 10 for one window", check_top_ten),
    Rule(CHART, "no table and bar chart of the top ten were shown and refreshed in place", check_chart),
]


def check(execution: Execution) -> list[Result]:
    return results(RULES, execution, lambda: gather(execution))
