package io.streamlab.cluster;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortCheckTest {

    private final PortCheck check = new PortCheck("127.0.0.1");

    @Test
    void takenPortIsNamedWithItsPurposeAndVariable() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            ClusterException error = assertThrows(ClusterException.class,
                    () -> check.requireFree(List.of(new Port(port, "Kafka broker", "STREAMLAB_KAFKA_PORT"))));

            assertTrue(error.getMessage().startsWith("Port " + port + " (Kafka broker) is already in use"),
                    error.getMessage());
            assertTrue(error.getMessage().contains("STREAMLAB_KAFKA_PORT"), error.getMessage());
            assertFalse(check.isFree(port));
        }
    }

    @Test
    void freePortPasses() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        assertDoesNotThrow(() -> check.requireFree(List.of(new Port(port, "Kafka broker", "STREAMLAB_KAFKA_PORT"))));
    }
}
