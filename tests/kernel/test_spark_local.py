"""Spark in the notebook JVM (local mode): cell-defined lambdas, Dataset display, job cancelling."""
import textwrap
import time

import pytest

SESSION = textwrap.dedent("""\
    import org.apache.spark.sql.*;
    import org.apache.spark.api.java.function.*;
    SparkSession spark = SparkSession.builder()
        .master("local[2]").appName("kernel-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate();
    spark.version()""")


@pytest.fixture(scope="module")
def spark_kernel(kernel):
    r = kernel.execute(SESSION, timeout=180)
    assert r.status == "ok", r.error
    assert r.text.startswith("3.5")
    yield kernel
    kernel.ok("spark.stop();", timeout=60)


def test_map_function_lambda_defined_in_a_cell(spark_kernel):
    r = spark_kernel.ok(textwrap.dedent("""\
        Dataset<Integer> numbers = spark.createDataset(List.of(1, 2, 3, 4), Encoders.INT());
        Dataset<Integer> doubled = numbers.map((MapFunction<Integer, Integer>) x -> x * 2, Encoders.INT());
        doubled.collectAsList()"""), timeout=120)
    assert r.text == "[2, 4, 6, 8]"


def test_lambda_calling_a_cell_defined_method(spark_kernel):
    spark_kernel.ok("static String label(int degrees) { return degrees > 0 ? \"warm\" : \"frost\"; }")
    r = spark_kernel.ok(textwrap.dedent("""\
        spark.createDataset(List.of(-2, 5), Encoders.INT())
             .map((MapFunction<Integer, String>) d -> label(d), Encoders.STRING())
             .collectAsList()"""), timeout=120)
    assert r.text == "[frost, warm]"


def test_lambda_reading_a_cell_variable_in_local_mode(spark_kernel):
    # Local mode runs JShell's own classes, so cell variables have their values.
    spark_kernel.ok("int factor = 3;")
    r = spark_kernel.ok("spark.createDataset(List.of(1, 2), Encoders.INT())"
                        ".map((MapFunction<Integer, Integer>) x -> x * factor, Encoders.INT()).collectAsList()",
                        timeout=120)
    assert r.text == "[3, 6]"


def test_dataset_shows_as_html_table_and_text(spark_kernel):
    r = spark_kernel.ok(textwrap.dedent("""\
        spark.createDataFrame(List.of(
                RowFactory.create("A", 12.5), RowFactory.create("B", -3.0)),
            new org.apache.spark.sql.types.StructType()
                .add("station", "string").add("degrees", "double"))"""), timeout=120)
    html = r.data["text/html"]
    assert "<th>station</th>" in html and "<th>degrees</th>" in html
    assert "<td>A</td>" in html and "<td>-3.0</td>" in html
    assert "station" in r.text and "12.5" in r.text


def test_dataset_display_is_limited_to_the_first_rows(spark_kernel):
    r = spark_kernel.ok("spark.range(1000)", timeout=120)
    html = r.data["text/html"]
    assert html.count("<tr>") == 1 + 20
    assert "only showing top 20 rows" in html


def test_task_output_goes_to_the_cell_that_ran_the_job(spark_kernel):
    r = spark_kernel.ok(textwrap.dedent("""\
        spark.createDataset(List.of("x", "y"), Encoders.STRING()).coalesce(1)
             .foreach((ForeachFunction<String>) s -> System.out.println("task saw " + s));"""), timeout=120)
    out = r.stream()
    assert "task saw x" in out and "task saw y" in out


def test_spark_logs_are_quiet(spark_kernel):
    r = spark_kernel.ok("spark.range(10).count()", timeout=120)
    assert r.text == "10"
    assert " INFO " not in r.stream("stderr")


def start_slow_job(session, marker, before="", timeout=60):
    """Starts a cell with a Spark job whose tasks take a second a row (`before`: code to run first in the
    same cell) and returns its msg_id once a task really runs: the task prints `marker`, which is routed
    to the cell. Interrupting then hits a job, not the cell's start."""
    msg_id = session.kc.execute(before + textwrap.dedent(f"""\
        spark.range(0, 1_000_000, 1, 2)
             .map((MapFunction<Long, Long>) x -> {{
                 if (x % 500_000 == 0) System.out.println("{marker}");
                 Thread.sleep(1000);
                 return x;
             }}, Encoders.LONG())
             .count()"""))
    session.wait_for(lambda m: m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "stream"
                     and marker in m["content"]["text"], timeout=timeout)
    return msg_id


def test_interrupt_cancels_a_running_spark_job(spark_kernel):
    kernel = spark_kernel
    msg_id = start_slow_job(kernel, "task running")
    t0 = time.monotonic()
    kernel.km.interrupt_kernel()
    reply = kernel.shell_reply(msg_id, time.monotonic() + 30)
    assert reply["content"]["status"] == "error"
    assert time.monotonic() - t0 < 2.0
    # The next query does not wait for the cancelled job.
    t1 = time.monotonic()
    assert kernel.ok("spark.range(5).count()", timeout=60).text == "5"
    assert time.monotonic() - t1 < 20
    statuses = kernel.ok("spark.sparkContext().statusTracker().getActiveJobIds().length").text
    assert statuses == "0"


def test_notebook_jvm_with_spark_stays_under_2_gib_resident(spark_kernel):
    spark_kernel.ok("spark.range(0, 2_000_000).selectExpr(\"id % 15 as station\", \"id\")"
                    ".groupBy(\"station\").count().collectAsList().size()", timeout=180)
    with open(f"/proc/{spark_kernel.pid}/status") as f:
        rss_kib = next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
    assert rss_kib < 2 * 1024 * 1024, f"kernel RSS {rss_kib / 1024:.0f} MiB"


def test_a_long_job_shows_a_progress_bar_that_collapses_when_done(spark_kernel):
    r = spark_kernel.ok(textwrap.dedent("""\
        spark.range(0, 4, 1, 4)
             .map((MapFunction<Long, Long>) x -> { Thread.sleep(900); return x; }, Encoders.LONG())
             .count()"""), timeout=120)
    bars = [m for m in r.of_type("display_data") if m["content"]["transient"]["display_id"].startswith("streamlab-job-")]
    assert len(bars) == 1, r.messages
    assert "<progress" in bars[0]["content"]["data"]["text/html"]
    assert "/4 tasks" in bars[0]["content"]["data"]["text/plain"]
    bar_id = bars[0]["content"]["transient"]["display_id"]
    done = spark_kernel.wait_for(lambda m: m["msg_type"] == "update_display_data"
                                 and m["content"]["transient"]["display_id"] == bar_id
                                 and "done, 4/4 tasks" in m["content"]["data"]["text/plain"], timeout=30)
    assert done["parent_header"]["msg_id"] == r.msg_id
    assert r.text == "4"


def test_a_short_job_shows_no_progress_bar(spark_kernel):
    r = spark_kernel.ok("spark.range(10).count()", timeout=60)
    assert not r.of_type("display_data")
