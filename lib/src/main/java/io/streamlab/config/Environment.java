package io.streamlab.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one setting from the environment: the value where the variable is set (blank counts as unset), the
 * default otherwise. Every settings record of the project reads through here, so every bad value gets the
 * same kind of error: it names the variable, the value and what to write instead.
 */
public final class Environment {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    private Environment() {
    }

    /** The trimmed value of {@code name}, or {@code fallback} when it is unset or blank. */
    public static String text(Map<String, String> environment, String name, String fallback) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    /** A whole number of at least {@code minimum}. */
    public static long number(Map<String, String> environment, String name, long fallback, long minimum) {
        return number(environment, name, fallback, minimum, Long.MAX_VALUE);
    }

    /** A whole number from {@code minimum} to {@code maximum}. */
    public static long number(Map<String, String> environment, String name, long fallback, long minimum,
                              long maximum) {
        String text = text(environment, name, Long.toString(fallback));
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + "=" + text + " is not a whole number");
        }
        if (value < minimum) {
            throw new IllegalArgumentException(name + "=" + text + " must be at least " + minimum);
        }
        if (value > maximum) {
            throw new IllegalArgumentException(name + "=" + text + " must be at most " + maximum);
        }
        return value;
    }

    /** A port to listen on: 1 to 65535, or 0 (the default) for any free port. */
    public static int port(Map<String, String> environment, String name) {
        long port = number(environment, name, 0, 0);
        if (port > 65535) {
            throw new IllegalArgumentException(name + "=" + port
                    + " is not a port; use 1 to 65535, or 0 for any free port");
        }
        return (int) port;
    }

    /** A file's path where {@code name} is set, empty otherwise. */
    public static Optional<Path> path(Map<String, String> environment, String name) {
        String path = text(environment, name, "");
        return path.isEmpty() ? Optional.empty() : Optional.of(Path.of(path));
    }

    /** A duration written like {@code 500ms}, {@code 5s}, {@code 1m} or {@code 2h}: {@link #parseDuration}. */
    public static Duration duration(Map<String, String> environment, String name, String fallback) {
        return parseDuration(name, text(environment, name, fallback));
    }

    /**
     * Parses durations the way people write them in a shell: {@code 500ms}, {@code 5s}, {@code 1m},
     * {@code 2h}. One number and one unit, longer than zero; anything else is an error that names the variable.
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

    /** Fails naming {@code name} unless {@code duration} is longer than zero. */
    public static void requirePositive(String name, Duration duration) {
        if (duration == null || duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException(name + " must be longer than zero, got " + duration);
        }
    }

    /** "5 s", "500 ms", "2 min": how a settings cell shows a duration. */
    public static String show(Duration duration) {
        if (duration.toMillis() % 60_000 == 0) {
            return duration.toMinutes() + " min";
        }
        if (duration.toMillis() % 1000 == 0) {
            return duration.toSeconds() + " s";
        }
        return duration.toMillis() + " ms";
    }
}
