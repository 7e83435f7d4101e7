package io.streamlab.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsumerSettingsTest {

    @Test
    void defaultsAreTheSeeds() {
        ConsumerSettings settings = ConsumerSettings.fromEnvironment(Map.of(), "localhost:9092");
        assertEquals(30, settings.iterations());
        assertEquals(Duration.ofSeconds(1), settings.pollTimeout());
        assertEquals(Path.of("."), settings.snapshotDirectory());
        assertEquals("stations", settings.topic());
        assertEquals("localhost:9092", settings.bootstrapServers());
    }

    @Test
    void theEnvironmentOverridesThem() {
        ConsumerSettings settings = ConsumerSettings.fromEnvironment(Map.of(
                "STREAMLAB_CONSUMER_ITERATIONS", "3", "STREAMLAB_POLL_MS", " 200 ", "STREAMLAB_SNAPSHOT_DIR", "/tmp/x"), "k:1");
        assertEquals(3, settings.iterations());
        assertEquals(Duration.ofMillis(200), settings.pollTimeout());
        assertEquals(Path.of("/tmp/x"), settings.snapshotDirectory());
    }

    @Test
    void badValuesNameTheVariable() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ConsumerSettings.fromEnvironment(Map.of("STREAMLAB_POLL_MS", "1s"), "k:1"));
        assertTrue(error.getMessage().contains("STREAMLAB_POLL_MS") && error.getMessage().contains("1s"), error.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ConsumerSettings.fromEnvironment(Map.of("STREAMLAB_CONSUMER_ITERATIONS", "-1"), "k:1"));
    }
}
