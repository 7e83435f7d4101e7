package io.streamlab.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamlab.weather.ReportCodec;
import io.streamlab.weather.ReportDecodingException;
import io.streamlab.weather.Weather;
import io.streamlab.weather.WeatherReport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("kafka")
class WeatherProducerTest {

    /** Kafka's default partitioner (murmur2 of the key) puts the 15 stations on 6 partitions like this. */
    private static final Map<Integer, String> STATIONS_BY_PARTITION = Map.of(
            0, "N", 1, "EO", 2, "FIJ", 3, "DGM", 4, "ABCKL", 5, "H");

    private WeatherTopics topics;

    @AfterEach
    void deleteTopics() {
        if (topics != null) {
            topics.delete();
        }
    }

    @Test
    void everyReportLandsOnBothTopicsKeyedByStationOnTheExpectedPartition() throws Exception {
        topics = KafkaTestSupport.privateTopics("produce");
        Weather weather = Weather.stations(15).seed(42).pause(Duration.ZERO).limit(15 * 20);
        List<WeatherReport> expected = weather.toList();
        try (WeatherProducer producer = new WeatherProducer(weather, topics)) {
            producer.start();
            assertTrue(producer.awaitFinished(Duration.ofSeconds(60)), producer.toString());
            assertEquals(600, producer.sent());
            assertEquals(600, producer.acknowledged(), producer.toString());
            assertEquals(0, producer.failed());
        }
        assertTopicHolds(topics.protobufTopic(), ReportCodec.PROTOBUF, expected);
        assertTopicHolds(topics.jsonTopic(), ReportCodec.JSON, expected);
    }

    private static void assertTopicHolds(String topic, ReportCodec codec, List<WeatherReport> expected)
            throws ReportDecodingException {
        List<ConsumerRecord<byte[], byte[]>> records = KafkaTestSupport.readAll(topic, expected.size(), Duration.ofSeconds(30));
        assertEquals(expected.size(), records.size(), "records in " + topic);
        Map<Integer, TreeSet<String>> stationsByPartition = new TreeMap<>();
        Map<String, List<WeatherReport>> byStation = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            WeatherReport report = codec.decode(record.value());
            assertArrayEquals(report.station().getBytes(StandardCharsets.UTF_8), record.key(), "key of " + report);
            stationsByPartition.computeIfAbsent(record.partition(), p -> new TreeSet<>()).add(report.station());
            byStation.computeIfAbsent(report.station(), s -> new ArrayList<>()).add(report);
        }
        Map<Integer, String> actualLayout = new TreeMap<>();
        stationsByPartition.forEach((partition, stations) -> actualLayout.put(partition, String.join("", stations)));
        assertEquals(new TreeMap<>(STATIONS_BY_PARTITION), actualLayout, "stations per partition of " + topic);
        // Within a partition Kafka keeps order, so each station's reports arrive exactly as generated.
        for (String station : byStation.keySet()) {
            List<WeatherReport> generated = expected.stream().filter(r -> r.station().equals(station)).toList();
            assertEquals(generated, byStation.get(station), "reports of station " + station + " in " + topic);
        }
    }

    @Test
    void stopFlushesAndAStartContinuesTheSameWeatherWithoutGaps() throws Exception {
        topics = KafkaTestSupport.privateTopics("restart");
        WeatherProducer producer = new WeatherProducer(Weather.stations(3).seed(7).pause(Duration.ofMillis(20)), topics);
        try {
            producer.start();
            producer.start(); // already running: no second thread
            awaitAcknowledged(producer, 60);
            producer.stop();
            assertFalse(producer.isRunning());
            long afterFirstStop = producer.sent();
            assertEquals(afterFirstStop, producer.acknowledged(), "stop() flushed everything sent: " + producer);
            assertEquals(0, afterFirstStop % 6, "only whole rounds (3 stations × 2 topics): " + producer);
            producer.stop(); // idempotent
            assertEquals(afterFirstStop, producer.sent());

            producer.start();
            awaitAcknowledged(producer, afterFirstStop + 60);
        } finally {
            producer.stop();
        }
        long total = producer.acknowledged();
        assertEquals(producer.sent(), total);
        List<ConsumerRecord<byte[], byte[]>> records =
                KafkaTestSupport.readAll(topics.protobufTopic(), (int) (total / 2), Duration.ofSeconds(30));
        assertEquals(total / 2, records.size());
        Map<String, LocalDate> lastDate = new HashMap<>();
        records.sort(java.util.Comparator.comparingLong(ConsumerRecord::offset));
        for (ConsumerRecord<byte[], byte[]> record : records.stream()
                .sorted(java.util.Comparator.<ConsumerRecord<byte[], byte[]>>comparingInt(ConsumerRecord::partition)
                        .thenComparingLong(ConsumerRecord::offset)).toList()) {
            WeatherReport report = ReportCodec.PROTOBUF.decode(record.value());
            LocalDate previous = lastDate.get(report.station());
            assertEquals(previous == null ? LocalDate.of(2000, 1, 1) : previous.plusDays(1), report.date(),
                    "station " + report.station() + " continues day by day across the restart");
            lastDate.put(report.station(), report.date());
        }
    }

    @Test
    void aFailedSendIsCountedPrintedAndKeptNotSwallowed() throws Exception {
        // An illegal topic name: the broker refuses those records, while the JSON topic accepts its copies.
        topics = KafkaTestSupport.privateTopics("fail");
        WeatherTopics halfBroken = topics.named("illegal topic name!", topics.jsonTopic());
        try (WeatherProducer producer = new WeatherProducer(Weather.stations(3).seed(1).pause(Duration.ZERO).limit(9), halfBroken)) {
            producer.start();
            assertTrue(producer.awaitFinished(Duration.ofSeconds(90)), producer.toString());
            assertEquals(18, producer.sent());
            assertEquals(9, producer.acknowledged(), producer.toString());
            assertEquals(9, producer.failed(), producer.toString());
            assertNotNull(producer.lastError());
            assertTrue(producer.toString().contains("failed 9"), producer.toString());
        }
    }

    @Test
    void startingAgainstAnUnreachableBrokerFailsWithinSeconds() throws Exception {
        String dead = KafkaTestSupport.deadAddress();
        WeatherProducer producer = new WeatherProducer(Weather.stations(3), WeatherTopics.at(dead));
        long start = System.nanoTime();
        KafkaUnreachableException error = assertThrows(KafkaUnreachableException.class, producer::start);
        assertTrue((System.nanoTime() - start) / 1_000_000_000 < 10);
        assertTrue(error.getMessage().contains(dead) && error.getMessage().contains("./streamlab up"), error.getMessage());
        assertFalse(producer.isRunning());
    }

    private static void awaitAcknowledged(WeatherProducer producer, long records) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (producer.acknowledged() < records) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + records + " acknowledged records within 30 s: " + producer);
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(20); // polling interval of a condition wait with a deadline
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
