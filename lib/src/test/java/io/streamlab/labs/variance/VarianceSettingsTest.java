package io.streamlab.labs.variance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VarianceSettingsTest {

    @Test
    void defaultsAreTheSeedsWorkedExampleAtTheSeedsPace() {
        VarianceSettings settings = VarianceSettings.fromEnvironment(Map.of());
        assertEquals(VarianceSettings.Input.EXAMPLE, settings.input());
        assertEquals(2, settings.lines());
        assertEquals(Duration.ofSeconds(1), settings.linePause());
        assertEquals(Duration.ofSeconds(1), settings.trigger());
        assertEquals(42, settings.seed());
    }

    @Test
    void theEnvironmentChangesThem() {
        VarianceSettings settings = VarianceSettings.fromEnvironment(Map.of(
                VarianceSettings.INPUT, "Random", VarianceSettings.LINES, "30",
                VarianceSettings.LINE_PAUSE, "100ms", VarianceSettings.QUERY_WAIT, "5s",
                VarianceSettings.CONSUMER_POLLS, "2", VarianceSettings.SEED, "-3"));
        assertEquals(VarianceSettings.Input.RANDOM, settings.input());
        assertEquals(30, settings.lines());
        assertEquals(Duration.ofMillis(100), settings.linePause());
        assertEquals(Duration.ofSeconds(5), settings.queryWait());
        assertEquals(2, settings.consumerPolls());
        assertEquals(-3, settings.seed());
        assertThrows(IllegalArgumentException.class,
                () -> VarianceSettings.fromEnvironment(Map.of(VarianceSettings.TRIGGER, "0s")));
        assertThrows(IllegalArgumentException.class,
                () -> VarianceSettings.fromEnvironment(Map.of(VarianceSettings.LINES, "0")));
    }

    @Test
    void anUnknownInputNamesTheChoices() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> VarianceSettings.fromEnvironment(Map.of(VarianceSettings.INPUT, "fibonacci")));
        assertTrue(error.getMessage().contains(VarianceSettings.INPUT) && error.getMessage().contains("random"),
                error.getMessage());
    }
}
