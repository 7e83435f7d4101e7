package io.streamlab.spark;

import org.apache.spark.sql.SparkSession;

import java.util.Map;

/**
 * The notebook's entry to Spark: {@code SparkSession spark = StreamlabSpark.session("cs544");}
 *
 * <p>The session runs where {@link io.streamlab.config.Endpoints} says — inside the notebook JVM
 * ({@code local[2]}) or on the standalone cluster — with the seed's settings and the Kafka connector
 * taken from the build. See {@link SessionConfig} for every setting and why.
 */
public final class StreamlabSpark {

    private StreamlabSpark() {
    }

    /** Creates the session, or returns the one this JVM already has. */
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
