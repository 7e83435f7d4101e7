package io.streamlab.labs;

import io.streamlab.spark.StreamSettings;

import java.time.Duration;
import java.util.Map;

/**
 * Reads one lab setting from the environment: the value where the variable is set, the seed's value
 * otherwise. Durations are parsed like {@link StreamSettings#parseDuration} ({@code 500ms}, {@code 5s},
 * {@code 1m}); numbers must be whole; every error names the variable.
 */
public final class LabEnvironment {

    private LabEnvironment() {
    }

    public static Duration duration(Map<String, String> environment, String name, String fallback) {
        return StreamSettings.parseDuration(name, valueOr(environment, name, fallback));
    }

    /** A whole number of at least {@code minimum}. */
    public static long number(Map<String, String> environment, String name, long fallback, long minimum) {
        String text = valueOr(environment, name, Long.toString(fallback));
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + "=" + text + " is not a whole number");
        }
        if (value < minimum) {
            throw new IllegalArgumentException(name + "=" + text + " must be at least " + minimum);
        }
        return value;
    }

    public static String text(Map<String, String> environment, String name, String fallback) {
        return valueOr(environment, name, fallback);
    }

    /** "5 s", "500 ms", "2 min": how a settings cell shows a duration. */
    public static String show(Duration duration) {
        if (duration.toMillis() % 60_000 == 0) return duration.toMinutes() + " min";
        if (duration.toMillis() % 1000 == 0) return duration.toSeconds() + " s";
        return duration.toMillis() + " ms";
    }

    private static String valueOr(Map<String, String> environment, String name, String fallback) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
