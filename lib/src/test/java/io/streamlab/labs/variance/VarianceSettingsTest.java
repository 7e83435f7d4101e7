package io.streamlab.labs.variance;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class VarianceSettingsTest {

    @Test
    void defaultsAreTheSeeds() {
        VarianceSettings settings = VarianceSettings.fromEnvironment(Map.of());
        assertEquals(Duration.ofSeconds(1), settings.linePause());
        assertEquals(Duration.ofSeconds(1), settings.trigger());
        assertEquals(42, settings.seed());
    }

    @Test
    void theEnvironmentShortensThem() {
        VarianceSettings settings = VarianceSettings.fromEnvironment(Map.of(
                VarianceSettings.LINE_PAUSE, "100ms", VarianceSettings.DURATION, "5s",
                VarianceSettings.CONSUMER_POLLS, "2", VarianceSettings.SEED, "-3"));
        assertEquals(Duration.ofMillis(100), settings.linePause());
        assertEquals(Duration.ofSeconds(5), settings.duration());
        assertEquals(2, settings.consumerPolls());
        assertEquals(-3, settings.seed());
        assertThrows(IllegalArgumentException.class,
                () -> VarianceSettings.fromEnvironment(Map.of(VarianceSettings.TRIGGER, "0s")));
    }
}
