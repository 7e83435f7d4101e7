package io.streamlab.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamlab.config.Endpoints;
import io.streamlab.weather.TopicCheck;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Against the broker of {@link Endpoints#current()} ({@code ./streamlab up}); private topics, deleted afterwards. */
@Tag("kafka")
class SparkKafkaTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String servers = Endpoints.current().kafkaBootstrapServers();
    private final String topic = "streamlab-spark-test-" + UUID.randomUUID();

    @Test
    void topicCheckSaysMissingThenEmptyThenCounts() throws Exception {
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> TopicCheck.requireData(topic, servers, TIMEOUT));
        assertEquals("topic " + topic + " does not exist — run kafka.ipynb Part 1 first", missing.getMessage());

        try (Admin admin = Admin.create(Map.of("bootstrap.servers", servers))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
            try {
                IllegalStateException empty = assertThrows(IllegalStateException.class,
                        () -> TopicCheck.requireData(topic, servers, TIMEOUT));
                assertTrue(empty.getMessage().startsWith("topic " + topic + " is empty"), empty.getMessage());

                send(List.of("{\"station\":\"A\"}", "{\"station\":\"B\"}", "{broken"));

                TopicCheck.TopicData data = TopicCheck.requireData(topic, servers, TIMEOUT);
                assertEquals(3, data.partitions());
                assertEquals(3, data.messages());
            } finally {
                admin.deleteTopics(List.of(topic)).all().get();
            }
        }
    }

    private void send(List<String> values) throws Exception {
        try (Producer<String, String> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", servers, "acks", "all"), new StringSerializer(), new StringSerializer())) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, value)).get();
            }
        }
    }
}
