package io.streamlab.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentTest {

    @Test
    void takesTheVariableWhereSetAndTheFallbackOtherwise() {
        Map<String, String> environment = Map.of("A", "500ms", "B", " ");
        assertEquals(Duration.ofMillis(500), Environment.duration(environment, "A", "1s"));
        assertEquals(Duration.ofSeconds(1), Environment.duration(environment, "B", "1s"));
        assertEquals(7, Environment.number(Map.of("N", "7"), "N", 3, 1));
        assertEquals(3, Environment.number(Map.of(), "N", 3, 1));
    }

    @Test
    void badValuesNameTheVariable() {
        IllegalArgumentException word = assertThrows(IllegalArgumentException.class,
                () -> Environment.number(Map.of("N", "many"), "N", 3, 1));
        assertTrue(word.getMessage().contains("N=many"), word.getMessage());
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                () -> Environment.number(Map.of("N", "0"), "N", 3, 1));
        assertTrue(small.getMessage().contains("at least 1"), small.getMessage());
        IllegalArgumentException duration = assertThrows(IllegalArgumentException.class,
                () -> Environment.duration(Map.of("D", "soon"), "D", "1s"));
        assertTrue(duration.getMessage().contains("D=soon"), duration.getMessage());
    }

    @Test
    void portsAndPaths() {
        assertEquals(0, Environment.port(Map.of(), "P"));
        assertEquals(8080, Environment.port(Map.of("P", "8080"), "P"));
        IllegalArgumentException notAPort = assertThrows(IllegalArgumentException.class,
                () -> Environment.port(Map.of("P", "70000"), "P"));
        assertTrue(notAPort.getMessage().contains("P=70000 is not a port"), notAPort.getMessage());
        assertEquals(java.util.Optional.empty(), Environment.path(Map.of("F", " "), "F"));
        assertEquals(java.util.Optional.of(java.nio.file.Path.of("/tmp/sent.tsv")),
                Environment.path(Map.of("F", "/tmp/sent.tsv"), "F"));
    }
}
