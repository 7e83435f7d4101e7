package io.streamlab.labs.variance;

import io.streamlab.config.Environment;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * How the variance lab runs. The defaults reproduce the seed's worked example — the line
 * {@code 1 2 3 4 5 6} sent twice, so the last row is Σx² = 182, Σx = 42, n = 12, var ≈ 2.917 — at the
 * seed's pace (a line a second, a batch a second). {@code STREAMLAB_VARIANCE_INPUT=random} sends
 * seeded random lines instead, for tests and long runs; nothing needs editing the notebook.
 *
 * @param lines     how many lines the producer sends before it stops
 * @param queryWait how long the variance query may take to read every line sent
 */
public record VarianceSettings(Input input, long seed, long lines, Duration linePause, int consumerPolls,
                               Duration pollTimeout, Duration trigger, Duration queryWait) {

    /** What the producer sends. */
    public enum Input {
        /** The seed's {@code producer_variance.py}: {@code 1 2 3 4 5 6} on every line. */
        EXAMPLE,
        /** Six integers from 1 to 10 per line, drawn with the seed. */
        RANDOM
    }

    /** The lab's topic, a {@link io.streamlab.labs.LabTopic} of one partition. */
    public static final String TOPIC = "variance";

    public static final String INPUT = "STREAMLAB_VARIANCE_INPUT";
    public static final String SEED = "STREAMLAB_VARIANCE_SEED";
    public static final String LINES = "STREAMLAB_VARIANCE_LINES";
    public static final String LINE_PAUSE = "STREAMLAB_VARIANCE_LINE_PAUSE";
    public static final String CONSUMER_POLLS = "STREAMLAB_VARIANCE_POLLS";
    public static final String POLL_TIMEOUT = "STREAMLAB_VARIANCE_POLL_TIMEOUT";
    public static final String TRIGGER = "STREAMLAB_VARIANCE_TRIGGER";
    public static final String QUERY_WAIT = "STREAMLAB_VARIANCE_QUERY_WAIT";

    public static VarianceSettings current() {
        return fromEnvironment(System.getenv());
    }

    public static VarianceSettings fromEnvironment(Map<String, String> environment) {
        return new VarianceSettings(
                input(Environment.text(environment, INPUT, "example")),
                Environment.number(environment, SEED, 42, Long.MIN_VALUE),
                Environment.number(environment, LINES, 2, 1),
                Environment.duration(environment, LINE_PAUSE, "1s"),
                (int) Environment.number(environment, CONSUMER_POLLS, 5, 1),
                Environment.duration(environment, POLL_TIMEOUT, "1s"),
                Environment.duration(environment, TRIGGER, "1s"),
                Environment.duration(environment, QUERY_WAIT, "2m"));
    }

    private static Input input(String text) {
        try {
            return Input.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(INPUT + "=" + text + " is not an input; use example (the seed's"
                    + " 1 2 3 4 5 6) or random");
        }
    }

    @Override
    public String toString() {
        String what = input == Input.EXAMPLE ? "the seed's line 1 2 3 4 5 6" : "random lines (seed " + seed + ")";
        return String.join("\n",
                "producer:  " + what + ", " + lines + " times, one every " + Environment.show(linePause),
                "consumer:  " + consumerPolls + " polls of up to " + Environment.show(pollTimeout),
                "variance:  a batch every " + Environment.show(trigger) + ", until every line is read (up to "
                        + Environment.show(queryWait) + ")");
    }
}
