package io.streamlab.labs.lakehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LakehouseSettingsTest {

    @Test
    void defaultsAreTheSeeds() {
        LakehouseSettings settings = LakehouseSettings.fromEnvironment(Map.of(),
                "hdfs://localhost:9000/streamlab/lake");
        assertEquals(1, settings.rowsPerSecond());
        assertEquals(Duration.ofSeconds(1), settings.bronzeTrigger());
        assertEquals(Duration.ofMinutes(1), settings.bronzeDuration());
        assertEquals(Duration.ofSeconds(5), settings.silverTrigger());
        assertEquals(Duration.ofSeconds(20), settings.silverDuration());
        assertEquals("hdfs://localhost:9000/streamlab/lake/bronze/messages/data", settings.tables().bronze());
        assertEquals("hdfs://localhost:9000/streamlab/lake/silver/checkpoint", settings.tables().silverCheckpoint());
    }

    @Test
    void variablesOverrideTheDefaults() {
        LakehouseSettings settings = LakehouseSettings.fromEnvironment(Map.of(
                LakehouseSettings.SEED, "7", LakehouseSettings.ROWS_PER_SECOND, "20",
                LakehouseSettings.SILVER_TRIGGER, "1s", LakehouseSettings.ROOT, "file:///tmp/lake/"), "unused");
        assertEquals(7, settings.seed());
        assertEquals(20, settings.rowsPerSecond());
        assertEquals(Duration.ofSeconds(1), settings.silverTrigger());
        assertEquals("file:///tmp/lake/gold/report1/data", settings.tables().report1());
    }

    @Test
    void badValuesNameTheVariable() {
        IllegalArgumentException rate = assertThrows(IllegalArgumentException.class,
                () -> LakehouseSettings.fromEnvironment(Map.of(LakehouseSettings.ROWS_PER_SECOND, "0"), "/lake"));
        assertTrue(rate.getMessage().contains(LakehouseSettings.ROWS_PER_SECOND), rate.getMessage());
        IllegalArgumentException trigger = assertThrows(IllegalArgumentException.class,
                () -> LakehouseSettings.fromEnvironment(Map.of(LakehouseSettings.SILVER_TRIGGER, "often"), "/lake"));
        assertTrue(trigger.getMessage().contains(LakehouseSettings.SILVER_TRIGGER), trigger.getMessage());
    }

    @Test
    void hdfsIsUsedOnlyWhereSomethingListens() throws IOException {
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertTrue(LakehouseSettings.accepts("hdfs://localhost:" + listening.getLocalPort()));
        }
        int closed;
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = gone.getLocalPort();
        }
        assertFalse(LakehouseSettings.accepts("hdfs://localhost:" + closed));
        assertFalse(LakehouseSettings.accepts("file:///tmp"));
    }
}
