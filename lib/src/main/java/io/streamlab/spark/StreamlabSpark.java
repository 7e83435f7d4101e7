package io.streamlab.spark;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Where a notebook's Spark runs. {@code spark.ipynb} builds its session in a cell with the seed's
 * settings and adds {@link #deployment()}: the master {@link io.streamlab.config.Endpoints} names
 * ({@code local[2]} or the standalone cluster), the driver's host, the jars and cell classes a
 * standalone cluster's executors need. See {@link SessionConfig} for every setting and why.
 */
public final class StreamlabSpark {

    private StreamlabSpark() {
    }

    /** The plumbing settings for {@code SparkSession.builder().config(...)}; no lesson setting among them. */
    public static SparkConf deployment() {
        SparkConf conf = new SparkConf(false); // false: system properties are Spark's own business, not ours
        for (Map.Entry<String, String> setting : SessionConfig.deploymentForCurrentProcess().entrySet()) {
            conf.set(setting.getKey(), setting.getValue());
        }
        return conf;
    }

    /**
     * A session with the labs' shared settings ({@link SessionConfig#of}), or the one this JVM already
     * has. The labs' notebooks still call it; {@code spark.ipynb} builds its own.
     */
    public static SparkSession session(String appName) {
        return builder(appName).getOrCreate();
    }

    /** The configured builder, for a notebook (or test) that wants to add settings before {@code getOrCreate()}. */
    public static SparkSession.Builder builder(String appName) {
        SparkSession.Builder builder = SparkSession.builder();
        for (Map.Entry<String, String> setting : SessionConfig.forCurrentProcess(appName).entrySet()) {
            builder = builder.config(setting.getKey(), setting.getValue());
        }
        return builder;
    }
}
