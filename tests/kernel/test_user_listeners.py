"""A user's own Spark listeners (spark.extraListeners, spark.sql.streaming.streamingQueryListeners
in the session builder) sit next to the kernel's: job progress bars and query panels keep working,
and the user's listeners still get their events."""
import textwrap

from test_spark_local import SESSION

USER_LISTENER = textwrap.dedent("""\
    import org.apache.spark.sql.streaming.*;
    public static class CountingQueryListener extends StreamingQueryListener {
        public static final java.util.concurrent.atomic.AtomicInteger progress = new java.util.concurrent.atomic.AtomicInteger();
        public CountingQueryListener() { }
        @Override public void onQueryStarted(QueryStartedEvent e) { }
        @Override public void onQueryProgress(QueryProgressEvent e) { progress.incrementAndGet(); }
        @Override public void onQueryTerminated(QueryTerminatedEvent e) { }
    }""")

SESSION_WITH_USER_LISTENERS = SESSION.replace(
    '.config("spark.ui.enabled", "false")',
    '.config("spark.ui.enabled", "false")\n'
    '    .config("spark.extraListeners", "org.apache.spark.scheduler.StatsReportListener")\n'
    '    .config("spark.sql.streaming.streamingQueryListeners", CountingQueryListener.class.getName())')

SLOW_JOB = textwrap.dedent("""\
    spark.range(0, 4, 1, 4).map((MapFunction<Long, Long>) x -> { Thread.sleep(800); return x; }, Encoders.LONG()).count()""")


def job_bars(result):
    return [m for m in result.of_type("display_data") if m["content"]["transient"]["display_id"].startswith("streamlab-job-")]


def query_panels(result):
    return [m for m in result.of_type("display_data") if m["content"]["transient"]["display_id"].startswith("streamlab-query-")]


def test_the_kernels_listeners_survive_the_users_spark_listener_settings(kernel):
    kernel.ok(USER_LISTENER)
    # The cell that builds the session also starts a query: its panel comes when the cell ends.
    built = kernel.ok(SESSION_WITH_USER_LISTENERS.replace("spark.version()", "") + textwrap.dedent("""\
        StreamingQuery first = spark.readStream().format("rate").load().writeStream().format("noop").start();
        spark.conf().get("spark.extraListeners")"""), timeout=180)
    assert built.text == "org.apache.spark.scheduler.StatsReportListener", built.text
    assert len(query_panels(built)) == 1, built.messages
    # A later query shows its panel as it starts, and its progress reaches it.
    later = kernel.ok('StreamingQuery second = spark.readStream().format("rate").load().writeStream().format("noop").start();',
                      timeout=60)
    panel_id = query_panels(later)[0]["content"]["transient"]["display_id"]
    kernel.wait_for(lambda m: m["msg_type"] == "update_display_data" and m["content"]["transient"]["display_id"] == panel_id
                    and "batch " in m["content"]["data"]["text/plain"], timeout=60)
    # A job longer than a second shows its progress bar.
    slow = kernel.ok(SLOW_JOB, timeout=120)
    assert slow.text == "4" and job_bars(slow), slow.messages
    # The user's own listener still gets its events.
    kernel.ok("first.stop();\nsecond.stop();")
    assert int(kernel.ok("CountingQueryListener.progress.get()").text) > 0
    kernel.ok("spark.stop();", timeout=60)
