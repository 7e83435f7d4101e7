package io.streamlab.labs.social;

import io.streamlab.config.Environment;

import java.time.Duration;
import java.util.Map;

/**
 * How the social media lab runs. The defaults are the seed's (a batch every 5 s); tests shorten
 * them through environment variables, never by editing the notebook.
 */
public record SocialMediaSettings(long seed, Duration payloadPause, Duration trigger, Duration duration,
                                  Duration firstBatchWait) {

    /** The lab's topic, a {@link io.streamlab.labs.LabTopic} of one partition. */
    public static final String TOPIC = "social_media";

    public static final String SEED = "STREAMLAB_SOCIAL_SEED";
    public static final String PAYLOAD_PAUSE = "STREAMLAB_SOCIAL_PAUSE";
    public static final String TRIGGER = "STREAMLAB_SOCIAL_TRIGGER";
    public static final String DURATION = "STREAMLAB_SOCIAL_DURATION";
    public static final String FIRST_BATCH_WAIT = "STREAMLAB_SOCIAL_FIRST_BATCH_WAIT";

    public static SocialMediaSettings current() {
        return fromEnvironment(System.getenv());
    }

    public static SocialMediaSettings fromEnvironment(Map<String, String> environment) {
        return new SocialMediaSettings(
                Environment.number(environment, SEED, 42, Long.MIN_VALUE),
                Environment.duration(environment, PAYLOAD_PAUSE, "500ms"),
                Environment.duration(environment, TRIGGER, "5s"),
                Environment.duration(environment, DURATION, "30s"),
                Environment.duration(environment, FIRST_BATCH_WAIT, "2m"));
    }

    @Override
    public String toString() {
        return String.join("\n",
                "crawler:  one payload (seed " + seed + ") every " + Environment.show(payloadPause)
                        + " to topic " + TOPIC,
                "streams:  a batch every " + Environment.show(trigger) + " for " + Environment.show(duration)
                        + " (and until two batches with data, up to " + Environment.show(firstBatchWait)
                        + "), then until every payload sent is counted");
    }
}
