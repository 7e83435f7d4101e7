package io.streamlab.weather;

import static io.streamlab.config.Environment.duration;
import static io.streamlab.config.Environment.requirePositive;
import static io.streamlab.config.Environment.show;

import io.streamlab.config.Endpoints;
import io.streamlab.config.Environment;
import java.time.Duration;
import java.util.Map;

/**
 * How long and how often spark.ipynb's streams run, and where the forecast dataset goes.
 *
 * <p>The defaults are the seed's values (stats every 5 s for 30 s, parquet every minute). Tests and
 * CI shorten them through environment variables instead of editing the notebook, so the notebook a
 * student reads is the notebook that is tested.
 */
public record SparkNotebookSettings(
        Duration statsTrigger,
        Duration statsDuration,
        Duration parquetTrigger,
        Duration parquetWait,
        Duration predictionTrigger,
        Duration predictionDuration,
        Duration firstBatchWait,
        String parquetDir,
        String checkpointDir) {

    public static final String STATS_TRIGGER = "STREAMLAB_STATS_TRIGGER";
    public static final String STATS_DURATION = "STREAMLAB_STATS_DURATION";
    public static final String PARQUET_TRIGGER = "STREAMLAB_PARQUET_TRIGGER";
    public static final String PARQUET_WAIT = "STREAMLAB_PARQUET_WAIT";
    public static final String PREDICTION_TRIGGER = "STREAMLAB_PREDICTION_TRIGGER";
    public static final String PREDICTION_DURATION = "STREAMLAB_PREDICTION_DURATION";
    public static final String FIRST_BATCH_WAIT = "STREAMLAB_FIRST_BATCH_WAIT";
    public static final String PARQUET_DIR = "STREAMLAB_PARQUET_DIR";
    public static final String CHECKPOINT_DIR = "STREAMLAB_CHECKPOINT_DIR";

    /** Relative to the HDFS root; the checkpoint lives apart from the data it describes. */
    static final String DEFAULT_PARQUET_PATH = "/streamlab/forecast.parquet";
    static final String DEFAULT_CHECKPOINT_PATH = "/streamlab/checkpoints/forecast";

    public SparkNotebookSettings {
        requirePositive(STATS_TRIGGER, statsTrigger);
        requirePositive(STATS_DURATION, statsDuration);
        requirePositive(PARQUET_TRIGGER, parquetTrigger);
        requirePositive(PARQUET_WAIT, parquetWait);
        requirePositive(PREDICTION_TRIGGER, predictionTrigger);
        requirePositive(PREDICTION_DURATION, predictionDuration);
        requirePositive(FIRST_BATCH_WAIT, firstBatchWait);
        if (parquetDir.equals(checkpointDir)) {
            throw new IllegalArgumentException("the parquet directory and the checkpoint directory are both "
                    + parquetDir + " — Spark would read its own checkpoint as data; set "
                    + PARQUET_DIR + " and " + CHECKPOINT_DIR + " to different paths");
        }
    }

    /** The settings of this process: environment variables where set, the seed's values otherwise. */
    public static SparkNotebookSettings current() {
        return fromEnvironment(System.getenv(), Endpoints.current());
    }

    public static SparkNotebookSettings fromEnvironment(Map<String, String> environment, Endpoints endpoints) {
        String hdfs = stripTrailingSlash(endpoints.hdfsUrl());
        return new SparkNotebookSettings(
                duration(environment, STATS_TRIGGER, "5s"),
                duration(environment, STATS_DURATION, "30s"),
                duration(environment, PARQUET_TRIGGER, "1m"),
                duration(environment, PARQUET_WAIT, "3m"),
                duration(environment, PREDICTION_TRIGGER, "10s"),
                duration(environment, PREDICTION_DURATION, "1m"),
                duration(environment, FIRST_BATCH_WAIT, "3m"),
                text(environment, PARQUET_DIR, hdfs + DEFAULT_PARQUET_PATH),
                text(environment, CHECKPOINT_DIR, hdfs + DEFAULT_CHECKPOINT_PATH));
    }

    private static String text(Map<String, String> environment, String name, String fallback) {
        return stripTrailingSlash(Environment.text(environment, name, fallback));
    }

    private static String stripTrailingSlash(String path) {
        return path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    }

    /** One line per setting, so a notebook cell shows what this run will do. */
    @Override
    public String toString() {
        return String.join("\n",
                "stats:       every " + show(statsTrigger) + " for " + show(statsDuration),
                "parquet:     every " + show(parquetTrigger) + " to " + parquetDir
                        + " (waiting up to " + show(parquetWait) + " for the first file)",
                "checkpoint:  " + checkpointDir,
                "predictions: every " + show(predictionTrigger) + " for " + show(predictionDuration),
                "console streams run on until their first batch with data is printed, up to "
                        + show(firstBatchWait));
    }
}
