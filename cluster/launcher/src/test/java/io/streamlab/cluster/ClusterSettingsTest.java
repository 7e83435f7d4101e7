package io.streamlab.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterSettingsTest {

    @Test
    void defaultsAreTheLocalClusterOnLoopback() {
        ClusterSettings settings = ClusterSettings.fromEnvironment(Map.of());

        assertEquals("127.0.0.1", settings.bindHost());
        assertEquals("localhost:9092", settings.kafkaBootstrap());
        assertEquals("hdfs://localhost:9000", settings.hdfsUrl());
        assertEquals("http://localhost:9870", settings.namenodeWebUrl());
        assertEquals("spark://localhost:7077", settings.sparkMasterUrl());
        assertEquals(settings.home().resolve(".streamlab"), settings.stateDir());
        assertTrue(settings.home().resolve("jvm/spark-java17.args").toFile().isFile(), "home is the repository: "
                + settings.home());
        assertEquals("320m", settings.heap(Service.KAFKA));
    }

    @Test
    void environmentMovesPortsHostsAndState() {
        ClusterSettings settings = ClusterSettings.fromEnvironment(Map.of(
                ClusterSettings.KAFKA_PORT, "19092",
                ClusterSettings.KAFKA_HOST, "kafka",
                ClusterSettings.BIND_HOST, "0.0.0.0",
                ClusterSettings.NAMENODE_HOST, "nn",
                ClusterSettings.STATE, "/tmp/elsewhere",
                "STREAMLAB_HEAP_NAMENODE", "300m"));

        assertEquals("kafka:19092", settings.kafkaBootstrap());
        assertEquals("hdfs://nn:9000", settings.hdfsUrl());
        assertEquals(Path.of("/tmp/elsewhere"), settings.stateDir());
        assertEquals("300m", settings.heap(Service.NAMENODE));
        // Inside a container the broker binds everywhere but reaches its own controller on loopback.
        assertEquals("127.0.0.1", settings.controllerHost());
        assertEquals(19092, settings.ports(Service.KAFKA).get(0).number());
    }

    @Test
    void badPortNamesTheVariable() {
        ClusterException error = assertThrows(ClusterException.class,
                () -> ClusterSettings.fromEnvironment(Map.of(ClusterSettings.HDFS_PORT, "ninety")));
        assertTrue(error.getMessage().contains("STREAMLAB_HDFS_PORT")
                && error.getMessage().contains("'ninety'"), error.getMessage());

        error = assertThrows(ClusterException.class,
                () -> ClusterSettings.fromEnvironment(Map.of(ClusterSettings.KAFKA_PORT, "70000")));
        assertTrue(error.getMessage().contains("1 to 65535"), error.getMessage());
    }

    @Test
    void badHeapNamesTheVariable() {
        ClusterException error = assertThrows(ClusterException.class,
                () -> ClusterSettings.fromEnvironment(Map.of("STREAMLAB_HEAP_KAFKA", "lots")));
        assertTrue(error.getMessage().contains("STREAMLAB_HEAP_KAFKA"), error.getMessage());
    }

    @Test
    void homeThatIsNotACheckoutIsRefused() {
        ClusterException error = assertThrows(ClusterException.class,
                () -> ClusterSettings.fromEnvironment(Map.of(ClusterSettings.HOME, "/tmp")));
        assertTrue(error.getMessage().contains("STREAMLAB_HOME"), error.getMessage());
    }
}
