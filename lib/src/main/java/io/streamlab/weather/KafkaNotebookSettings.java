package io.streamlab.weather;

import io.streamlab.config.Environment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How long kafka.ipynb's producer and consumers run, in one place. {@link #current()} reads the
 * environment, so a test or a benchmark changes the run lengths without editing the notebook:
 * <ul>
 *   <li>{@value #PRODUCER_PAUSE_VARIABLE}: the producer's pause after each day of all stations, in ms
 *       (default 1000: one simulated day per second, as in the seed)</li>
 *   <li>{@value #ITERATIONS_VARIABLE}: polls per consumer run (default {@value #DEFAULT_ITERATIONS})</li>
 *   <li>{@value #POLL_MS_VARIABLE}: how long one poll waits for records, in ms (default 1000)</li>
 *   <li>{@value #DIRECTORY_VARIABLE}: where the partition-N.json files go (default: the working directory)</li>
 * </ul>
 */
public record KafkaNotebookSettings(Duration producerPause, int consumerIterations, Duration pollTimeout,
                                    Path snapshotDirectory) {

    public static final String PRODUCER_PAUSE_VARIABLE = "STREAMLAB_PRODUCER_PAUSE_MS";
    public static final String ITERATIONS_VARIABLE = "STREAMLAB_CONSUMER_ITERATIONS";
    public static final String POLL_MS_VARIABLE = "STREAMLAB_POLL_MS";
    public static final String DIRECTORY_VARIABLE = "STREAMLAB_SNAPSHOT_DIR";
    public static final Duration DEFAULT_PRODUCER_PAUSE = Duration.ofSeconds(1);
    public static final int DEFAULT_ITERATIONS = 30;
    public static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofSeconds(1);

    public KafkaNotebookSettings {
        Objects.requireNonNull(producerPause, "producerPause");
        Objects.requireNonNull(pollTimeout, "pollTimeout");
        Objects.requireNonNull(snapshotDirectory, "snapshotDirectory");
    }

    /** The settings of this process: environment variables where set, the defaults otherwise. */
    public static KafkaNotebookSettings current() {
        return fromEnvironment(System.getenv());
    }

    static KafkaNotebookSettings fromEnvironment(Map<String, String> environment) {
        return new KafkaNotebookSettings(
                Duration.ofMillis(Environment.number(environment, PRODUCER_PAUSE_VARIABLE,
                        DEFAULT_PRODUCER_PAUSE.toMillis(), 0)),
                (int) Environment.number(environment, ITERATIONS_VARIABLE, DEFAULT_ITERATIONS, 0, Integer.MAX_VALUE),
                Duration.ofMillis(Environment.number(environment, POLL_MS_VARIABLE, DEFAULT_POLL_TIMEOUT.toMillis(),
                        0)),
                Path.of(Environment.text(environment, DIRECTORY_VARIABLE, ".")));
    }
}
