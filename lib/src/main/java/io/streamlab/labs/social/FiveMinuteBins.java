package io.streamlab.labs.social;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The seed's {@code binned_timestamp_map}: a post's time on the clock of Western Indonesia (WIB,
 * UTC+7, no daylight saving), rounded down to five minutes, and the key {@code platform;bin} its
 * post is counted under — {@code instagram;2023-04-05T00:05:00}.
 */
public final class FiveMinuteBins {

    /** WIB, the time zone the counts are reported in. */
    public static final ZoneOffset ZONE = ZoneOffset.ofHours(7);
    public static final int BIN_MINUTES = 5;
    /** Seconds always written, as Python's {@code isoformat()} does for the seed's keys. */
    private static final DateTimeFormatter KEY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private FiveMinuteBins() {
    }

    /** The wall-clock time in UTC+7 of an instant: 2023-04-04T17:09:23Z is 2023-04-05T00:09:23. */
    public static LocalDateTime local(Instant time) {
        return LocalDateTime.ofInstant(time, ZONE);
    }

    /** The start of the five-minute bin a local time falls in: 00:09:23 is in 00:05:00. */
    public static LocalDateTime bin(LocalDateTime local) {
        LocalDateTime minute = local.truncatedTo(ChronoUnit.MINUTES);
        return minute.withMinute(minute.getMinute() / BIN_MINUTES * BIN_MINUTES);
    }

    /** {@code platform;bin}, e.g. {@code facebook;2023-04-05T00:05:00}. */
    public static String key(Platform platform, LocalDateTime bin) {
        return platform.id() + ";" + KEY_TIME.format(bin);
    }

    /** The time on the clock in UTC+7 now: what the state's {@code created_at} and {@code updated_at} hold. */
    public static LocalDateTime now() {
        return LocalDateTime.now(ZONE);
    }
}
