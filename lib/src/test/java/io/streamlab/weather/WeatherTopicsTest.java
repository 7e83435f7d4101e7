package io.streamlab.weather;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamlab.kafka.KafkaTestSupport;
import io.streamlab.kafka.KafkaUnreachableException;
import io.streamlab.kafka.TopicOffsets;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("kafka")
class WeatherTopicsTest {

    @Test
    void recreatesTheTwoStandardTopicsWithSixPartitions() {
        WeatherTopics topics = WeatherTopics.current();
        topics.recreate();
        assertEquals(Map.of("stations", 6, "stations-json", 6), topics.partitions());
        Set<String> listed = topics.list();
        assertTrue(listed.containsAll(Set.of("stations", "stations-json")), listed.toString());
        // Right after a recreate the deletion must have completed, or this second one fails.
        topics.recreate();
        assertEquals(Map.of("stations", 6, "stations-json", 6), topics.partitions());
    }

    @Test
    void recreatingEmptiesTheTopics() {
        WeatherTopics topics = privateTopics("recreate");
        try {
            Properties settings = new Properties();
            settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, topics.bootstrapServers());
            settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(settings)) {
                for (int i = 0; i < 30; i++) {
                    producer.send(new ProducerRecord<>(topics.protobufTopic(), "A", "report " + i));
                }
            }
            assertEquals(30, TopicOffsets.endOffsetSum(topics.protobufTopic()));
            topics.recreate();
            assertEquals(0, TopicOffsets.endOffsetSum(topics.protobufTopic()));
        } finally {
            topics.delete();
        }
    }

    @Test
    void anUnreachableBrokerIsReportedWithinSecondsNamingTheAddressAndTheFix() throws Exception {
        String dead = KafkaTestSupport.deadAddress();
        long start = System.nanoTime();
        KafkaUnreachableException error = assertThrows(KafkaUnreachableException.class,
                () -> WeatherTopics.at(dead).list());
        long seconds = (System.nanoTime() - start) / 1_000_000_000;
        assertTrue(seconds < 10, "took " + seconds + " s");
        assertTrue(error.getMessage().contains(dead), error.getMessage());
        assertTrue(error.getMessage().contains("./streamlab up"), error.getMessage());
    }

    /** Fresh topics with unique names, so the test never sees a notebook's data or another test's. */
    private static WeatherTopics privateTopics(String purpose) {
        String suffix = purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
        WeatherTopics topics = WeatherTopics.at(KafkaTestSupport.bootstrap())
                .named("stations-" + suffix, "stations-json-" + suffix);
        topics.recreate();
        return topics;
    }
}
