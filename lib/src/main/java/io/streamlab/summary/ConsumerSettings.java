package io.streamlab.summary;

import io.streamlab.config.Endpoints;
import io.streamlab.kafka.WeatherTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a {@link SummaryConsumer} needs to know, in one place. {@link #current()} reads the
 * environment, so a test run can make the notebook's consumers quick without editing it:
 * <ul>
 *   <li>{@value #ITERATIONS_VARIABLE}: polls per consumer run (default {@value #DEFAULT_ITERATIONS})</li>
 *   <li>{@value #POLL_MS_VARIABLE}: how long one poll waits for records, in ms (default 1000)</li>
 *   <li>{@value #DIRECTORY_VARIABLE}: where the partition-N.json files go (default: the working directory)</li>
 *   <li>{@code STREAMLAB_KAFKA}: the broker, via {@link Endpoints}</li>
 * </ul>
 */
public record ConsumerSettings(String bootstrapServers, String topic, Path snapshotDirectory, int iterations,
                               Duration pollTimeout) {

    public static final String ITERATIONS_VARIABLE = "STREAMLAB_CONSUMER_ITERATIONS";
    public static final String POLL_MS_VARIABLE = "STREAMLAB_POLL_MS";
    public static final String DIRECTORY_VARIABLE = "STREAMLAB_SNAPSHOT_DIR";
    public static final int DEFAULT_ITERATIONS = 30;
    public static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofSeconds(1);

    public ConsumerSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(snapshotDirectory, "snapshotDirectory");
        Objects.requireNonNull(pollTimeout, "pollTimeout");
        if (iterations < 0) {
            throw new IllegalArgumentException("iterations cannot be negative, got " + iterations);
        }
        if (pollTimeout.isNegative()) {
            throw new IllegalArgumentException("the poll timeout cannot be negative, got " + pollTimeout);
        }
    }

    /** The settings of this process: environment variables where set, the defaults otherwise. */
    public static ConsumerSettings current() {
        return fromEnvironment(System.getenv(), Endpoints.current().kafkaBootstrapServers());
    }

    static ConsumerSettings fromEnvironment(Map<String, String> environment, String bootstrapServers) {
        return new ConsumerSettings(
                bootstrapServers,
                WeatherTopics.STATIONS,
                Path.of(valueOrDefault(environment, DIRECTORY_VARIABLE, ".")),
                (int) wholeNumber(environment, ITERATIONS_VARIABLE, DEFAULT_ITERATIONS, Integer.MAX_VALUE),
                Duration.ofMillis(wholeNumber(environment, POLL_MS_VARIABLE, DEFAULT_POLL_TIMEOUT.toMillis(), Long.MAX_VALUE)));
    }

    /** The partition files in {@link #snapshotDirectory()}: to delete them before a fresh run, or to show them. */
    public SnapshotStore snapshotStore() {
        return new SnapshotStore(snapshotDirectory);
    }

    public ConsumerSettings withIterations(int iterations) {
        return new ConsumerSettings(bootstrapServers, topic, snapshotDirectory, iterations, pollTimeout);
    }

    public ConsumerSettings withPollTimeout(Duration pollTimeout) {
        return new ConsumerSettings(bootstrapServers, topic, snapshotDirectory, iterations, pollTimeout);
    }

    public ConsumerSettings withSnapshotDirectory(Path snapshotDirectory) {
        return new ConsumerSettings(bootstrapServers, topic, snapshotDirectory, iterations, pollTimeout);
    }

    public ConsumerSettings withTopic(String topic) {
        return new ConsumerSettings(bootstrapServers, topic, snapshotDirectory, iterations, pollTimeout);
    }

    public ConsumerSettings withBootstrapServers(String bootstrapServers) {
        return new ConsumerSettings(bootstrapServers, topic, snapshotDirectory, iterations, pollTimeout);
    }

    private static String valueOrDefault(Map<String, String> environment, String name, String fallback) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static long wholeNumber(Map<String, String> environment, String name, long fallback, long max) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long number = Long.parseLong(value.trim());
            if (number < 0 || number > max) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number ≥ 0, got \"" + value + "\"");
        }
    }
}
