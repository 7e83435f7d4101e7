package io.streamlab.labs.variance;

import io.streamlab.labs.LabEnvironment;

import java.time.Duration;
import java.util.Map;

/**
 * How the variance lab runs. The defaults are the seed's (a line a second, a batch a second, a few
 * dozen batches); tests shorten them through environment variables, never by editing the notebook.
 */
public record VarianceSettings(long seed, Duration linePause, int consumerPolls, Duration pollTimeout,
                               Duration trigger, Duration duration, Duration firstBatchWait) {

    /** The lab's topic, a {@link io.streamlab.labs.LabTopic} of one partition. */
    public static final String TOPIC = "variance";

    public static final String SEED = "STREAMLAB_VARIANCE_SEED";
    public static final String LINE_PAUSE = "STREAMLAB_VARIANCE_LINE_PAUSE";
    public static final String CONSUMER_POLLS = "STREAMLAB_VARIANCE_POLLS";
    public static final String POLL_TIMEOUT = "STREAMLAB_VARIANCE_POLL_TIMEOUT";
    public static final String TRIGGER = "STREAMLAB_VARIANCE_TRIGGER";
    public static final String DURATION = "STREAMLAB_VARIANCE_DURATION";
    public static final String FIRST_BATCH_WAIT = "STREAMLAB_VARIANCE_FIRST_BATCH_WAIT";

    public static VarianceSettings current() {
        return fromEnvironment(System.getenv());
    }

    public static VarianceSettings fromEnvironment(Map<String, String> environment) {
        return new VarianceSettings(
                LabEnvironment.number(environment, SEED, 42, Long.MIN_VALUE),
                LabEnvironment.duration(environment, LINE_PAUSE, "1s"),
                (int) LabEnvironment.number(environment, CONSUMER_POLLS, 5, 1),
                LabEnvironment.duration(environment, POLL_TIMEOUT, "1s"),
                LabEnvironment.duration(environment, TRIGGER, "1s"),
                LabEnvironment.duration(environment, DURATION, "20s"),
                LabEnvironment.duration(environment, FIRST_BATCH_WAIT, "2m"));
    }

    @Override
    public String toString() {
        return String.join("\n",
                "producer:  one line of integers (seed " + seed + ") every " + LabEnvironment.show(linePause),
                "consumer:  " + consumerPolls + " polls of up to " + LabEnvironment.show(pollTimeout),
                "variance:  a batch every " + LabEnvironment.show(trigger) + " for " + LabEnvironment.show(duration)
                        + " (and until two batches with data, up to " + LabEnvironment.show(firstBatchWait) + ")");
    }
}
