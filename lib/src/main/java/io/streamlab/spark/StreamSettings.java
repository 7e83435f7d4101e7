package io.streamlab.spark;

import io.streamlab.config.Endpoints;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long and how often the Spark notebook's streams run, and where the forecast dataset goes.
 *
 * <p>The defaults are the seed's values (stats every 5 s for 30 s, parquet every minute). Tests and
 * CI shorten them through environment variables instead of editing the notebook, so the notebook a
 * student reads is the notebook that is tested.
 */
public record StreamSettings(
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

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    public StreamSettings {
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
    public static StreamSettings current() {
        return fromEnvironment(System.getenv(), Endpoints.current());
    }

    public static StreamSettings fromEnvironment(Map<String, String> environment, Endpoints endpoints) {
        String hdfs = stripTrailingSlash(endpoints.hdfsUrl());
        return new StreamSettings(
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

    /**
     * Parses durations the way people write them in a shell: {@code 500ms}, {@code 5s}, {@code 1m},
     * {@code 2h}. One number and one unit; anything else is an error that names the variable.
     */
    public static Duration parseDuration(String name, String text) {
        Matcher matcher = DURATION.matcher(text.trim().toLowerCase());
        if (!matcher.matches()) {
            throw new IllegalArgumentException(name + "=" + text + " is not a duration — write a whole number"
                    + " with a unit, like 500ms, 5s, 1m or 2h");
        }
        long amount;
        try {
            amount = Long.parseLong(matcher.group(1));
        } catch (NumberFormatException tooLong) {
            throw new IllegalArgumentException(name + "=" + text + " is too large for a duration");
        }
        Duration duration = switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
        requirePositive(name, duration);
        return duration;
    }

    private static Duration duration(Map<String, String> environment, String name, String fallback) {
        String value = environment.get(name);
        return parseDuration(name, value == null || value.isBlank() ? fallback : value);
    }

    private static String text(Map<String, String> environment, String name, String fallback) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? fallback : stripTrailingSlash(value.trim());
    }

    private static void requirePositive(String name, Duration duration) {
        if (duration == null || duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException(name + " must be longer than zero, got " + duration);
        }
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

    private static String show(Duration duration) {
        if (duration.toMillis() % 60_000 == 0) return duration.toMinutes() + " min";
        if (duration.toMillis() % 1000 == 0) return duration.toSeconds() + " s";
        return duration.toMillis() + " ms";
    }
}
