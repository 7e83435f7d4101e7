package io.streamlab.labs.hashtags;

import io.streamlab.config.Environment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How the hashtags lab runs: the tweet server, the sliding window, and how often and how long the top
 * ten is refreshed. Tests shorten them through environment variables, never by editing the notebook.
 *
 * @param tweets     tweets per connection; 0 streams without end
 * @param recordFile where {@link TweetReplay} records every tweet it hands out, if set (for checking from outside)
 */
public record HashtagSettings(long seed, int port, long tweets, Duration pause, Duration windowLength,
                              Duration slide, Duration trigger, int refreshes, Duration refreshInterval,
                              Duration firstBatchWait, Optional<Path> recordFile) {

    public static final String SEED = "STREAMLAB_HASHTAGS_SEED";
    public static final String PORT = "STREAMLAB_HASHTAGS_PORT";
    public static final String TWEETS = "STREAMLAB_HASHTAGS_TWEETS";
    public static final String PAUSE = "STREAMLAB_HASHTAGS_PAUSE";
    public static final String WINDOW = "STREAMLAB_HASHTAGS_WINDOW";
    public static final String SLIDE = "STREAMLAB_HASHTAGS_SLIDE";
    public static final String TRIGGER = "STREAMLAB_HASHTAGS_TRIGGER";
    public static final String REFRESHES = "STREAMLAB_HASHTAGS_REFRESHES";
    public static final String REFRESH_INTERVAL = "STREAMLAB_HASHTAGS_REFRESH_INTERVAL";
    public static final String FIRST_BATCH_WAIT = "STREAMLAB_HASHTAGS_FIRST_BATCH_WAIT";
    public static final String RECORD_FILE = "STREAMLAB_HASHTAGS_RECORD";

    public HashtagSettings {
        if (windowLength.toMillis() % slide.toMillis() != 0) {
            throw new IllegalArgumentException(WINDOW + " (" + Environment.show(windowLength)
                    + ") must be a multiple of "
                    + SLIDE + " (" + Environment.show(slide) + "), so every tweet falls in the same number of windows");
        }
    }

    public static HashtagSettings current() {
        return fromEnvironment(System.getenv());
    }

    public static HashtagSettings fromEnvironment(Map<String, String> environment) {
        return new HashtagSettings(
                Environment.number(environment, SEED, 42, Long.MIN_VALUE),
                Environment.port(environment, PORT),
                Environment.number(environment, TWEETS, 0, 0),
                Environment.duration(environment, PAUSE, "100ms"),
                Environment.duration(environment, WINDOW, "30s"),
                Environment.duration(environment, SLIDE, "10s"),
                Environment.duration(environment, TRIGGER, "5s"),
                (int) Environment.number(environment, REFRESHES, 6, 1),
                Environment.duration(environment, REFRESH_INTERVAL, "10s"),
                Environment.duration(environment, FIRST_BATCH_WAIT, "2m"),
                Environment.path(environment, RECORD_FILE));
    }

    @Override
    public String toString() {
        return String.join("\n",
                "server:   " + (tweets == 0 ? "endless tweets" : tweets + " tweets") + " (seed " + seed
                        + "), one every "
                        + Environment.show(pause) + ", on " + (port == 0 ? "a free port" : "port " + port)
                        + recordFile.map(file -> ", recorded to " + file).orElse(""),
                "window:   " + Environment.show(windowLength) + ", sliding every " + Environment.show(slide)
                        + ", a batch every " + Environment.show(trigger),
                "top ten:  refreshed " + refreshes + " times, every " + Environment.show(refreshInterval)
                        + " (the first waits up to " + Environment.show(firstBatchWait) + " for data)");
    }
}
