package io.streamlab.labs.social;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SocialMediaSettingsTest {

    @Test
    void theSeedsPaceByDefault() {
        SocialMediaSettings settings = SocialMediaSettings.fromEnvironment(Map.of());
        assertEquals(42, settings.seed());
        assertEquals(Duration.ofSeconds(5), settings.trigger());
        assertEquals(Duration.ofMillis(500), settings.payloadPause());
    }

    @Test
    void environmentVariablesShortenARun() {
        SocialMediaSettings settings = SocialMediaSettings.fromEnvironment(Map.of(
                "STREAMLAB_SOCIAL_SEED", "7", "STREAMLAB_SOCIAL_PAUSE", "100ms", "STREAMLAB_SOCIAL_TRIGGER", "1s",
                "STREAMLAB_SOCIAL_DURATION", "5s", "STREAMLAB_SOCIAL_FIRST_BATCH_WAIT", "1m"));
        assertEquals(new SocialMediaSettings(7, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5),
                Duration.ofMinutes(1)), settings);
        assertTrue(settings.toString().contains("every 100 ms to topic social_media"), settings.toString());
    }

    @Test
    void aBadValueNamesItsVariable() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> SocialMediaSettings.fromEnvironment(Map.of("STREAMLAB_SOCIAL_TRIGGER", "soon")));
        assertTrue(error.getMessage().startsWith("STREAMLAB_SOCIAL_TRIGGER=soon"), error.getMessage());
    }
}
