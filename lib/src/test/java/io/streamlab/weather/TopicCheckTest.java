package io.streamlab.weather;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Without a broker: the check must answer quickly and say what to start. Topic cases need the cluster. */
class TopicCheckTest {

    @Test
    void aMissingBrokerIsReportedWithinTheTimeout() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();   // free once closed: nothing listens there
        }
        String servers = "127.0.0.1:" + port;
        long start = System.nanoTime();

        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> TopicCheck.requireData("stations-json", servers, Duration.ofSeconds(2)));

        assertTrue(System.nanoTime() - start < Duration.ofSeconds(15).toNanos(), "took too long");
        assertTrue(error.getMessage().startsWith("Kafka is not reachable at " + servers), error.getMessage());
        assertTrue(error.getMessage().endsWith("start the cluster with ./streamlab up"), error.getMessage());
    }
}
