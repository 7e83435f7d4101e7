"""Cell-defined functions on a Spark standalone cluster's executors.

Runs when STREAMLAB_SPARK_MASTER names a spark:// master (start one with the cluster module),
skipped otherwise. The kernel writes every class JShell compiles to spark.repl.class.outputDir,
which the driver serves to executors; without that the executors fail with ClassNotFoundException
for the cell's lambda class.
"""
import os
import textwrap

import pytest

# ./streamlab test names the standalone master it started; STREAMLAB_SPARK_MASTER works by hand.
MASTER = os.environ.get("STREAMLAB_TEST_SPARK_MASTER") or os.environ.get("STREAMLAB_SPARK_MASTER", "")

pytestmark = pytest.mark.skipif(not MASTER.startswith("spark://"),
                                reason="needs a Spark standalone master: set STREAMLAB_SPARK_MASTER=spark://host:7077")


@pytest.fixture(scope="module")
def cluster_kernel(kernel):
    r = kernel.execute(textwrap.dedent(f"""\
        import org.apache.spark.sql.*;
        import org.apache.spark.api.java.function.*;
        SparkSession spark = SparkSession.builder()
            .master("{MASTER}").appName("kernel-cluster-test")
            .config("spark.driver.host", "localhost")
            .config("spark.ui.enabled", "false")
            .config("spark.executor.memory", "512m")
            .config("spark.cores.max", "1")
            .getOrCreate();
        spark.version()"""), timeout=240)
    assert r.status == "ok", r.error
    yield kernel
    kernel.ok("spark.stop();", timeout=60)


def test_lambda_runs_on_an_executor(cluster_kernel):
    r = cluster_kernel.ok(textwrap.dedent("""\
        spark.createDataset(List.of(1, 2, 3), Encoders.INT())
             .map((MapFunction<Integer, String>) x -> (x * 10) + "@" + org.apache.spark.SparkEnv.get().executorId(),
                  Encoders.STRING())
             .collectAsList()"""), timeout=240)
    values = r.text.strip("[]").split(", ")
    assert [v.split("@")[0] for v in values] == ["10", "20", "30"]
    assert all(v.split("@")[1] != "driver" for v in values), "ran on the driver, not an executor"


def test_cell_defined_class_and_method_reach_executors(cluster_kernel):
    cluster_kernel.ok(textwrap.dedent("""\
        static class Celsius implements java.io.Serializable {
            static double toFahrenheit(double c) { return c * 9 / 5 + 32; }
        }"""))
    r = cluster_kernel.ok(textwrap.dedent("""\
        spark.createDataset(List.of(0.0, 100.0), Encoders.DOUBLE())
             .map((MapFunction<Double, Double>) Celsius::toFahrenheit, Encoders.DOUBLE())
             .collectAsList()"""), timeout=240)
    assert r.text == "[32.0, 212.0]"


def test_reading_a_cell_variable_on_an_executor_is_a_clear_error(cluster_kernel):
    # On an executor the variable would silently be 0: the kernel makes that an explained failure.
    cluster_kernel.ok("int factor = 3;")
    r = cluster_kernel.execute(textwrap.dedent("""\
        spark.createDataset(List.of(1, 2, 3), Encoders.INT())
             .map((MapFunction<Integer, Integer>) x -> x * factor, Encoders.INT())
             .collectAsList()"""), timeout=240)
    assert r.status == "error"
    assert "cell variable 'factor' has no value on Spark executors" in "\n".join(r.error["traceback"]) + r.error["evalue"]


def test_values_passed_through_a_method_reach_executors(cluster_kernel):
    cluster_kernel.ok(textwrap.dedent("""\
        Dataset<Integer> scaled(Dataset<Integer> ds, int factor) {
            return ds.map((MapFunction<Integer, Integer>) x -> x * factor, Encoders.INT());
        }
        MapFunction<Integer, Integer> plusOne = x -> x + 1;"""))
    r = cluster_kernel.ok("scaled(spark.createDataset(List.of(1, 2, 3), Encoders.INT()), 3).map(plusOne, Encoders.INT()).collectAsList()",
                          timeout=240)
    assert r.text == "[4, 7, 10]"


def test_jars_added_by_a_magic_reach_the_executors(cluster_kernel, tmp_path):
    # Without SparkContext.addJar the executor fails with NoClassDefFoundError: gauges/Anemometer.
    from test_basics import _compile_class
    import subprocess
    source = tmp_path / "src"
    source.mkdir()
    _compile_class(source, "Windvane", "package gauges; public class Windvane { "
                   "public static String direction(int degrees) { return degrees < 180 ? \"east\" : \"west\"; } }")
    jar = tmp_path / "windvane.jar"
    subprocess.run(["jar", "cf", str(jar), "-C", str(source), "gauges/Windvane.class"], check=True)
    cluster_kernel.ok(f"%jars {jar}")
    r = cluster_kernel.ok(textwrap.dedent("""\
        spark.createDataset(List.of(90, 270), Encoders.INT())
             .map((MapFunction<Integer, String>) d -> gauges.Windvane.direction(d) + "@"
                  + org.apache.spark.SparkEnv.get().executorId(), Encoders.STRING())
             .collectAsList()"""), timeout=240)
    values = r.text.strip("[]").split(", ")
    assert [v.split("@")[0] for v in values] == ["east", "west"]
    assert all(v.split("@")[1] != "driver" for v in values)
