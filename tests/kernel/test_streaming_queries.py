"""Streaming queries in the notebook: the live panel, interrupts that spare other cells' queries,
and a query's output under a batch client (nbclient)."""
import re
import textwrap
import time

import nbformat
import pytest
from nbclient import NotebookClient

from streamlab_support.kernel_session import check_kernelspec
from test_spark_local import SESSION, start_slow_job

STREAMING_SESSION = "import org.apache.spark.sql.streaming.*;\n" + SESSION

RATE_QUERY = textwrap.dedent("""\
    StreamingQuery {name} = spark.readStream().format("rate").option("rowsPerSecond", "20").load()
        .writeStream().format("noop").queryName("{name}")
        .trigger(org.apache.spark.sql.streaming.Trigger.ProcessingTime("200 milliseconds"))
        .start();""")


@pytest.fixture(scope="module")
def spark_kernel(kernel):
    r = kernel.execute(STREAMING_SESSION, timeout=180)
    assert r.status == "ok", r.error
    yield kernel
    kernel.ok("for (StreamingQuery q : spark.streams().active()) q.stop();\nspark.stop();", timeout=60)


def batch_of(text):
    found = re.search(r"batch (\d+)", text)
    return int(found.group(1)) if found else -1


def test_a_started_query_shows_a_panel_that_updates_in_place(spark_kernel):
    kernel = spark_kernel
    started = kernel.ok(RATE_QUERY.format(name="ticks"), timeout=120)
    shown = started.of_type("display_data")
    assert len(shown) == 1, "one panel, in the cell that started the query"
    display_id = shown[0]["content"]["transient"]["display_id"]
    assert 'StreamingQuery "ticks"' in shown[0]["content"]["data"]["text/plain"]
    assert "<b>" in shown[0]["content"]["data"]["text/html"]

    def update_at_batch(n):
        return lambda m: (m["msg_type"] == "update_display_data"
                          and m["content"]["transient"]["display_id"] == display_id
                          and batch_of(m["content"]["data"]["text/plain"]) >= n)

    first = kernel.wait_for(update_at_batch(1), timeout=60)
    later = kernel.wait_for(update_at_batch(batch_of(first["content"]["data"]["text/plain"]) + 3), timeout=60)
    text = later["content"]["data"]["text/plain"]
    assert "— active" in text and "rows/s" in text and "source RateStream" in text and "sink" in text
    assert later["parent_header"]["msg_id"] == started.msg_id

    # At most two updates a second.
    kernel.ok("Thread.sleep(3000);")
    times = [t for t, m in kernel.seen if m["msg_type"] == "update_display_data"
             and m["content"]["transient"]["display_id"] == display_id]
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert len(times) >= 4
    assert min(gaps) > 0.3, f"updates {gaps}"
    # Its micro-batch jobs feed the panel; they show no job progress bars.
    assert not [m for _, m in kernel.seen if m["msg_type"] == "display_data"
                and m["content"]["transient"]["display_id"].startswith("streamlab-job-")]

    stopped = kernel.ok("ticks.stop();")
    final = kernel.wait_for(lambda m: m["msg_type"] == "update_display_data"
                            and m["content"]["transient"]["display_id"] == display_id
                            and "— stopped" in m["content"]["data"]["text/plain"], timeout=20)
    assert final["parent_header"]["msg_id"] == started.msg_id
    assert stopped.status == "ok"


def test_the_panel_names_the_cell_and_line_that_started_the_query(spark_kernel):
    kernel = spark_kernel
    started = kernel.ok(textwrap.dedent("""\
        // a station's ticks
        String ticker = "placed";
        StreamingQuery placed = spark.readStream().format("rate").load().writeStream().format("noop").queryName(ticker).start();
        placed.name()"""), timeout=120)
    where = f"Cell In[{started.reply['content']['execution_count']}], line 3"
    panel = started.of_type("display_data")[0]["content"]
    display_id = panel["transient"]["display_id"]
    assert f"(started in {where})" in panel["data"]["text/plain"], panel["data"]["text/plain"]
    assert f"started in {where}" in panel["data"]["text/html"]
    # %streams lists it with the same place.
    assert where in kernel.ok("%streams").text
    # A query started from a method a cell calls is placed at the calling cell's line.
    kernel.ok("StreamingQuery startTicks(String name) throws Exception {\n"
              "    return spark.readStream().format(\"rate\").load().writeStream().format(\"noop\").queryName(name).start();\n"
              "}")
    called = kernel.ok("int unused = 0;\nStreamingQuery viaMethod = startTicks(\"via-method\");", timeout=60)
    called_where = f"Cell In[{called.reply['content']['execution_count']}], line 2"
    assert f"(started in {called_where})" in called.of_type("display_data")[0]["content"]["data"]["text/plain"]
    kernel.ok("placed.stop();\nviaMethod.stop();")
    final = kernel.wait_for(lambda m: m["msg_type"] == "update_display_data"
                            and m["content"]["transient"]["display_id"] == display_id
                            and "— stopped" in m["content"]["data"]["text/plain"], timeout=20)
    assert f"(started in {where})" in final["content"]["data"]["text/plain"]


def test_a_query_as_a_cell_value_shows_its_state(spark_kernel):
    kernel = spark_kernel
    kernel.ok(RATE_QUERY.format(name="valued"), timeout=120)
    kernel.ok("while (valued.lastProgress() == null) Thread.sleep(20);", timeout=60)
    r = kernel.ok("valued")
    assert r.text.startswith('StreamingQuery "valued"'), r.text
    assert "StreamingQueryWrapper@" not in r.text
    assert "— active" in r.text and "batch " in r.text
    kernel.ok("valued.stop();")
    assert "— stopped" in kernel.ok("valued").text
    # A cell whose value is the query it starts shows one panel (the live one), not two.
    both = kernel.ok("spark.readStream().format(\"rate\").load().writeStream().format(\"noop\").start()", timeout=60)
    assert len(both.of_type("display_data")) == 1 and both.data is None
    kernel.ok("for (StreamingQuery q : spark.streams().active()) q.stop();")


def test_an_interrupt_stops_only_its_own_cell(spark_kernel):
    kernel = spark_kernel
    kernel.ok(RATE_QUERY.format(name="survivor"), timeout=120)
    kernel.ok("while (survivor.lastProgress() == null) Thread.sleep(20);", timeout=60)
    msg_id = start_slow_job(kernel, "long job running")
    kernel.km.interrupt_kernel()
    reply = kernel.shell_reply(msg_id, time.monotonic() + 30)
    assert reply["content"]["status"] == "error"
    before = int(kernel.ok("survivor.lastProgress().batchId()").text)
    # The query another cell started keeps making progress after the interrupt.
    r = kernel.ok(textwrap.dedent(f"""\
        long deadline = System.currentTimeMillis() + 30_000;
        while (survivor.isActive() && survivor.lastProgress().batchId() < {before} + 3
               && System.currentTimeMillis() < deadline) Thread.sleep(50);
        survivor.isActive() + " " + survivor.lastProgress().batchId()"""), timeout=60)
    active, batch = r.text.strip('"').split()
    assert active == "true" and int(batch) >= before + 3, r.text
    kernel.ok("survivor.stop();")


def test_a_query_printing_across_cells_keeps_every_batch_under_nbclient():
    # A console sink prints each batch on the query's thread while later cells run; nbclient
    # records only the running cell, so every batch must land in some cell of the saved notebook.
    check_kernelspec()
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "java", "display_name": "Java", "language": "java"}
    nb.cells = [nbformat.v4.new_code_cell(s) for s in [
        STREAMING_SESSION,
        textwrap.dedent("""\
            StreamingQuery console = spark.readStream().format("rate").option("rowsPerSecond", "5").load()
                .writeStream().format("console").queryName("printer")
                .trigger(Trigger.ProcessingTime("300 milliseconds")).start();"""),
        "while (console.lastProgress() == null || console.lastProgress().batchId() < 2) Thread.sleep(20);",
        "Thread.sleep(1000);",
        "while (console.lastProgress().batchId() < 6) Thread.sleep(20);",
        "console.stop();\nlong last = console.lastProgress().batchId();\nlast",
        "spark.stop();",
    ]]
    NotebookClient(nb, timeout=180, kernel_name="java").execute()
    printed = "".join(o.get("text", "") for c in nb.cells for o in c.outputs if o["output_type"] == "stream")
    last = int(nb.cells[5].outputs[-1]["data"]["text/plain"])
    batches = [int(b) for b in re.findall(r"^Batch: (\d+)$", printed, re.M)]
    assert batches == list(range(0, last + 1)), printed[-2000:]
    assert "ERROR" not in printed, printed
    # The live panel reached its final state in the cell that started the query.
    panel = [o for o in nb.cells[1].outputs if o["output_type"] == "display_data"]
    assert len(panel) == 1 and "— stopped" in panel[0]["data"]["text/plain"], nb.cells[1].outputs


def test_stopping_a_healthy_query_logs_no_error(spark_kernel):
    # stop() interrupts the query's thread wherever it is (a broadcast, a sink commit, a task);
    # Spark logs each such spot at ERROR. 25 start/stop rounds printed 15 ERROR messages before
    # the kernel dropped them; stopping at many points of a batch shows them again if they return.
    kernel = spark_kernel
    for wait_ms in (0, 30, 70, 110, 160, 230, 310, 420, 550, 700, 880, 1100):
        kernel.ok(textwrap.dedent("""\
            StreamingQuery q = spark.readStream().format("rate").option("rowsPerSecond", "5").load()
                .writeStream().format("console").start();"""), timeout=60)
        kernel.ok(f"q.awaitTermination({wait_ms + 1});\nq.stop();")
    kernel.ok("Thread.sleep(500);")
    text = "".join(m["content"]["text"] for _, m in kernel.seen if m["msg_type"] == "stream")
    assert "Batch: 0" in text
    assert "ERROR" not in text, [line for line in text.splitlines() if "ERROR" in line]


def test_a_failing_query_still_logs_and_shows_its_error(spark_kernel):
    kernel = spark_kernel
    started = kernel.ok(textwrap.dedent("""\
        StreamingQuery broken = spark.readStream().format("rate").load().writeStream()
            .foreachBatch((VoidFunction2<Dataset<Row>, Long>) (batch, id) -> {
                if (id >= 1) throw new IllegalStateException("sensor broke");
            })
            .trigger(Trigger.ProcessingTime("100 milliseconds")).start();"""), timeout=60)
    display_id = started.of_type("display_data")[0]["content"]["transient"]["display_id"]
    failed = kernel.wait_for(lambda m: m["msg_type"] == "update_display_data"
                             and m["content"]["transient"]["display_id"] == display_id
                             and "— failed" in m["content"]["data"]["text/plain"], timeout=60)
    assert "sensor broke" in failed["content"]["data"]["text/plain"]
    # The line of the start() call, as a stack frame of that cell would name it.
    assert f"(started in Cell In[{started.reply['content']['execution_count']}], line 5)" in failed["content"]["data"]["text/plain"]
    assert "sensor broke" in failed["content"]["data"]["text/html"]
    logged = kernel.wait_for(lambda m: m["msg_type"] == "stream" and "ERROR" in m["content"]["text"]
                             and "terminated with error" in m["content"]["text"], timeout=30)
    assert logged["parent_header"]["msg_id"] == started.msg_id


def test_streams_lists_and_stops_queries_and_threads(spark_kernel):
    kernel = spark_kernel
    kernel.ok(RATE_QUERY.format(name="listed"), timeout=120)
    kernel.ok("while (listed.lastProgress() == null) Thread.sleep(20);", timeout=60)
    kernel.ok("Thread sleeper = new Thread(() -> { try { Thread.sleep(600_000); } catch (InterruptedException e) { } }, "
              "\"cell-sleeper\");\nsleeper.start();")
    listing = kernel.ok("%streams")
    text = listing.text
    query_id = kernel.ok("listed.id().toString()").text.strip('"')
    assert query_id in text and "listed" in text and "active" in text
    assert "cell-sleeper" in text
    assert "<table" in listing.data["text/html"]

    r = kernel.ok(f"%streams stop {query_id[:8]}")
    assert "Stopped 1 query" in r.stream()
    assert kernel.ok("listed.isActive()").text == "false"
    thread_id = kernel.ok("sleeper.getId()").text
    assert "interrupted 1 thread" in kernel.ok(f"%streams stop {thread_id}").stream()
    assert kernel.ok("sleeper.join(10_000);\nsleeper.isAlive()").text == "false"

    r = kernel.execute("%streams stop no-such-id")
    assert r.status == "error" and "%streams lists the ids" in r.error["evalue"]


def test_shutdown_stops_the_queries_cleanly(tmp_path):
    # A query with a checkpoint: after the kernel shuts down, its last batch is committed
    # (commits/N exists for the last offsets/N), as after stop(); a killed query leaves it missing.
    from streamlab_support.kernel_session import KernelSession
    session = KernelSession()
    checkpoint = tmp_path / "checkpoint"
    try:
        session.ok(STREAMING_SESSION, timeout=180)
        session.ok(textwrap.dedent(f"""\
            StreamingQuery kept = spark.readStream().format("rate").option("rowsPerSecond", "50").load()
                .writeStream().format("noop").option("checkpointLocation", "{checkpoint}")
                .trigger(Trigger.ProcessingTime("100 milliseconds")).start();
            while (kept.lastProgress() == null || kept.lastProgress().batchId() < 3) Thread.sleep(20);"""),
            timeout=120)
    finally:
        session.close()
    offsets = sorted(int(p.name) for p in (checkpoint / "offsets").iterdir() if p.name.isdigit())
    commits = sorted(int(p.name) for p in (checkpoint / "commits").iterdir() if p.name.isdigit())
    assert offsets and commits and commits[-1] == offsets[-1], (offsets, commits)


def test_display_of_a_streaming_dataset_is_a_live_table(spark_kernel):
    kernel = spark_kernel
    r = kernel.ok(textwrap.dedent("""\
        Dataset<Row> counts = spark.readStream().format("rate").option("rowsPerSecond", "20").load()
            .selectExpr("value % 3 AS station").groupBy("station").count();
        display(counts);"""), timeout=120)
    shown = r.of_type("display_data")
    table_id = next(m["content"]["transient"]["display_id"] for m in shown
                    if m["content"]["transient"]["display_id"].startswith("streamlab-table-"))

    def table_with_total(least):
        def check(m):
            if m["msg_type"] != "update_display_data" or m["content"]["transient"]["display_id"] != table_id:
                return False
            html = m["content"]["data"]["text/html"]
            counts = [int(c) for c in re.findall(r"<td>(\d+)</td>\s*</tr>", html)]
            return "<th>station</th>" in html and len(counts) == 3 and sum(counts) >= least
        return check

    first = kernel.wait_for(table_with_total(1), timeout=60)
    assert first["parent_header"]["msg_id"] == r.msg_id
    # The table refreshes as batches come: its counts grow.
    kernel.wait_for(table_with_total(60), timeout=60)
    listing = kernel.ok("%streams").text
    assert "display_" in listing
    assert "display_" in active_names(kernel)
    assert "Stopped" in kernel.ok("%streams stop all").stream()
    assert "display_" not in active_names(kernel)


ACTIVE_NAMES = ("Arrays.stream(spark.streams().active()).map(q -> String.valueOf(q.name())).sorted()"
                ".collect(java.util.stream.Collectors.joining(\",\"))")


def active_names(kernel):
    return kernel.ok(ACTIVE_NAMES).text.strip('"')


LIVE_TABLE_CELL = textwrap.dedent("""\
    Dataset<Row> ticks = spark.readStream().format("rate").option("rowsPerSecond", "10").load();
    display(ticks);""")


def live_table_name(result):
    shown = " ".join(m["content"]["data"].get("text/plain", "") for m in result.of_type("display_data"))
    return re.search(r"memory-sink query (display_\d+)", shown).group(1)


def test_rerunning_a_cell_stops_its_live_table(spark_kernel):
    # Rule: a re-run is the same cell id (JupyterLab's metadata) or, as here (jupyter_client sends
    # none), the same code; the earlier run's memory-sink query stops before the cell runs again.
    kernel = spark_kernel
    first = live_table_name(kernel.ok(LIVE_TABLE_CELL, timeout=120))
    assert first in active_names(kernel)
    second = live_table_name(kernel.ok(LIVE_TABLE_CELL, timeout=120))
    names = active_names(kernel).split(",")
    assert second in names and first not in names, names
    # Other code leaves a live table alone.
    kernel.ok("int other = 1;")
    assert second in active_names(kernel).split(",")
    kernel.ok("%streams stop all")


def test_restart_and_shutdown_stop_a_live_table():
    # The memory-sink query is stopped by the kernel before it exits: its panel's last state
    # (sent before the shutdown reply) is "stopped", which the kernel reads from isActive().
    from streamlab_support.kernel_session import KernelSession
    session = KernelSession()
    try:
        for ending in ("restart", "shutdown"):
            session.ok(STREAMING_SESSION, timeout=180)
            r = session.ok(LIVE_TABLE_CELL, timeout=120)
            panel_id = next(m["content"]["transient"]["display_id"] for m in r.of_type("display_data")
                            if m["content"]["transient"]["display_id"].startswith("streamlab-query-"))
            session.wait_for(lambda m: m["msg_type"] == "update_display_data"
                             and m["content"]["transient"]["display_id"] == panel_id
                             and batch_of(m["content"]["data"]["text/plain"]) >= 1, timeout=60)
            if ending == "restart":
                session.km.restart_kernel(now=False)
            else:
                session.km.shutdown_kernel(now=False)
            final = session.wait_for(lambda m: m["msg_type"] == "update_display_data"
                                     and m["content"]["transient"]["display_id"] == panel_id
                                     and "— stopped" in m["content"]["data"]["text/plain"], timeout=30)
            assert final["parent_header"]["msg_id"] == r.msg_id
            if ending == "restart":
                session.kc.wait_for_ready(timeout=90)
    finally:
        session.close()


def test_an_interrupt_cancels_the_jobs_of_the_cell_that_built_the_session():
    # That cell's jobs carry no cell group yet (Spark was not loaded when it started).
    from streamlab_support.kernel_session import KernelSession
    session = KernelSession()
    try:
        msg_id = start_slow_job(session, "first-cell job running", before=STREAMING_SESSION + ";\n", timeout=180)
        session.km.interrupt_kernel()
        assert session.shell_reply(msg_id, time.monotonic() + 30)["content"]["status"] == "error"
        r = session.ok(textwrap.dedent("""\
            long deadline = System.currentTimeMillis() + 20_000;
            while (spark.sparkContext().statusTracker().getActiveJobIds().length > 0
                   && System.currentTimeMillis() < deadline) Thread.sleep(50);
            spark.sparkContext().statusTracker().getActiveJobIds().length"""), timeout=60)
        assert r.text == "0", "the interrupted cell's job was cancelled"
    finally:
        session.close()
