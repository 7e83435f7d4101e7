package io.streamlab.labs.social;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The four platforms the crawler reads, each with its own payload shape: where the post's time and
 * its author's id are, and how the time is written (as in the seed's {@code *_extract_map}).
 *
 * <pre>
 * facebook   created_time          2023-04-04T17:09:23+0000         from.id
 * instagram  created_time          1680628163 (epoch seconds)       user.id
 * twitter    created_at            Sat Nov 10 16:09:22 +0000 2012   user_id
 * youtube    snippet.publishedAt   2023-04-04T17:09:24Z             snippet.channelId
 * </pre>
 */
public enum Platform {

    FACEBOOK("facebook", "created_time", "from.id", DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx", Locale.ROOT)),
    INSTAGRAM("instagram", "created_time", "user.id", null),
    // English day and month names whatever the JVM's locale: the platform writes them so.
    TWITTER("twitter", "created_at", "user_id", DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss xx yyyy", Locale.ENGLISH)),
    // The trailing Z is UTC written as a letter, so the pattern cannot read it as an offset: UTC is given.
    YOUTUBE("youtube", "snippet.publishedAt", "snippet.channelId",
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC));

    /** Where every payload names its platform (the seed's {@code crawler_target.specific_resource_type}). */
    public static final String PLATFORM_FIELD = "crawler_target.specific_resource_type";

    private final String id;
    private final String timeField;
    private final String userField;
    /** null: the time is whole seconds since the epoch, written as a string. */
    private final DateTimeFormatter timeFormat;

    Platform(String id, String timeField, String userField, DateTimeFormatter timeFormat) {
        this.id = id;
        this.timeField = timeField;
        this.userField = userField;
        this.timeFormat = timeFormat;
    }

    /** The platform's name in payloads and keys: {@code facebook}. */
    public String id() {
        return id;
    }

    /** The dotted path of the post's time in a payload: {@code snippet.publishedAt}. */
    public String timeField() {
        return timeField;
    }

    /** The dotted path of the author's id in a payload: {@code from.id}. */
    public String userField() {
        return userField;
    }

    /** The platform whose name is {@code id}, if the crawler knows it. */
    public static Optional<Platform> named(String id) {
        return Arrays.stream(values()).filter(platform -> platform.id.equals(id)).findFirst();
    }

    /** Reads a time as this platform writes it; a {@link DateTimeParseException} if it is not. */
    public Instant parseTime(String text) {
        if (timeFormat == null) {
            try {
                return Instant.ofEpochSecond(Long.parseLong(text.trim()));
            } catch (NumberFormatException e) {
                throw new DateTimeParseException("not whole seconds since the epoch", text, 0);
            }
        }
        return timeFormat.parse(text, Instant::from);
    }

    /** Writes a time as this platform does (in UTC, as the platforms' APIs do). */
    public String formatTime(Instant time) {
        if (timeFormat == null) {
            return Long.toString(time.getEpochSecond());
        }
        return timeFormat.withZone(ZoneOffset.UTC).format(time);
    }
}
