package io.streamlab.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointsTest {

    @Test
    void theLocalClusterOnItsDefaultPortsUnlessTheEnvironmentSaysOtherwise() {
        assertEquals(Endpoints.LOCAL, Endpoints.fromEnvironment(Map.of()));
        assertEquals(new Endpoints("kafka:9092", "spark://spark-master:7077", "hdfs://nn:9000"),
                Endpoints.fromEnvironment(Map.of("STREAMLAB_KAFKA", "kafka:9092",
                        "STREAMLAB_SPARK_MASTER", "spark://spark-master:7077", "STREAMLAB_HDFS", "hdfs://nn:9000")));
    }

    @Test
    void theClientsFollowTheClustersPortsWhenNoEndpointIsSet() {
        Endpoints moved = Endpoints.fromEnvironment(Map.of("STREAMLAB_KAFKA_PORT", "37092", "STREAMLAB_HDFS_PORT",
                "37000"));
        assertEquals("localhost:37092", moved.kafkaBootstrapServers());
        assertEquals("hdfs://localhost:37000", moved.hdfsUrl());
        // An endpoint set explicitly wins over the port.
        assertEquals("kafka:9092", Endpoints.fromEnvironment(Map.of("STREAMLAB_KAFKA", "kafka:9092",
                "STREAMLAB_KAFKA_PORT", "37092")).kafkaBootstrapServers());
    }
}
