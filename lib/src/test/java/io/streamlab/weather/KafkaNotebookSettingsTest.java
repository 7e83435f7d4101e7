package io.streamlab.weather;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaNotebookSettingsTest {

    @Test
    void theSeedsRunLengthsUnlessTheEnvironmentSaysOtherwise() {
        KafkaNotebookSettings defaults = KafkaNotebookSettings.fromEnvironment(Map.of());
        assertEquals(new KafkaNotebookSettings(Duration.ofSeconds(1), 30, Duration.ofSeconds(1), Path.of(".")),
                defaults);

        KafkaNotebookSettings quick = KafkaNotebookSettings.fromEnvironment(Map.of(
                "STREAMLAB_PRODUCER_PAUSE_MS", "200", "STREAMLAB_CONSUMER_ITERATIONS", " 6 ",
                "STREAMLAB_POLL_MS", "500", "STREAMLAB_SNAPSHOT_DIR", "/tmp/snapshots"));
        assertEquals(new KafkaNotebookSettings(Duration.ofMillis(200), 6, Duration.ofMillis(500),
                Path.of("/tmp/snapshots")), quick);
    }

    @Test
    void aBadNumberNamesTheVariable() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> KafkaNotebookSettings.fromEnvironment(Map.of("STREAMLAB_CONSUMER_ITERATIONS", "-1")));
        assertTrue(error.getMessage().contains("STREAMLAB_CONSUMER_ITERATIONS"), error.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> KafkaNotebookSettings.fromEnvironment(Map.of("STREAMLAB_PRODUCER_PAUSE_MS", "soon")));
    }
}
