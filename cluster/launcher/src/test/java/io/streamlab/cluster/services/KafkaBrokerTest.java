package io.streamlab.cluster.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamlab.cluster.ClusterSettings;
import io.streamlab.cluster.ClusterState;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaBrokerTest {

    @Test
    void clusterIdsAreNeverTakenForAnOption() {
        // 1 in 64 random ids starts with '-'; 5000 draws meet one with near certainty.
        for (int i = 0; i < 5000; i++) {
            String id = KafkaBroker.newClusterId();
            assertEquals(22, id.length(), id);
            assertFalse(id.startsWith("-"), id);
        }
    }

    @Test
    void brokerListensOnTheBindHostAndAdvertisesTheKafkaHost() {
        ClusterSettings settings = ClusterSettings.fromEnvironment(Map.of(
                ClusterSettings.STATE, "/tmp/streamlab-unused",
                ClusterSettings.BIND_HOST, "0.0.0.0",
                ClusterSettings.KAFKA_HOST, "kafka"));
        Map<String, String> properties = new KafkaBroker(settings, new ClusterState(Path.of("/tmp/streamlab-unused")))
                .serverProperties();

        assertEquals("PLAINTEXT://0.0.0.0:9092,CONTROLLER://0.0.0.0:9093", properties.get("listeners"));
        assertEquals("PLAINTEXT://kafka:9092", properties.get("advertised.listeners"));
        assertEquals("1@127.0.0.1:9093", properties.get("controller.quorum.voters"));
        assertEquals("false", properties.get("auto.create.topics.enable"));
        assertTrue(properties.get("log.dirs").startsWith("/tmp/streamlab-unused/data/kafka"));
    }
}
