package io.streamlab.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
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
        WeatherTopics topics = KafkaTestSupport.privateTopics("recreate");
        try {
            try (WeatherProducer producer = new WeatherProducer(
                    io.streamlab.weather.Weather.stations(3).seed(1).pause(java.time.Duration.ZERO).limit(30), topics)) {
                producer.start();
                assertTrue(awaitQuietly(producer));
                assertEquals(60, producer.acknowledged());
            }
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

    private static boolean awaitQuietly(WeatherProducer producer) {
        try {
            return producer.awaitFinished(java.time.Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
