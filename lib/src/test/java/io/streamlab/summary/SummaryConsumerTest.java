package io.streamlab.summary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamlab.kafka.KafkaTestSupport;
import io.streamlab.kafka.KafkaUnreachableException;
import io.streamlab.kafka.WeatherTopics;
import io.streamlab.weather.ProtobufReportCodec;
import io.streamlab.weather.Weather;
import io.streamlab.weather.WeatherReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("kafka")
class SummaryConsumerTest {

    static final List<List<Integer>> THREE_CONSUMERS = List.of(List.of(0, 1), List.of(2, 3), List.of(4, 5));
    private static final Duration CATCH_UP_DEADLINE = Duration.ofSeconds(90);

    @TempDir
    Path directory;
    private WeatherTopics topics;
    private ConsumerSettings settings;

    @BeforeEach
    void createTopics() {
        topics = KafkaTestSupport.privateTopics("consume");
        settings = ConsumerSettings.current().withTopic(topics.protobufTopic()).withSnapshotDirectory(directory)
                .withIterations(4).withPollTimeout(Duration.ofMillis(200));
    }

    @AfterEach
    void deleteTopics() {
        topics.delete();
    }

    private static List<WeatherReport> days(int from, int to) {
        List<WeatherReport> all = Weather.stations(15).seed(99).pause(Duration.ZERO).limit(15L * to).toList();
        return all.subList(15 * from, all.size());
    }

    @Test
    void threeConsumerThreadsCountEveryReportOnceAcrossRounds() throws Exception {
        try (WeatherRecords records = new WeatherRecords(topics.protobufTopic())) {
            records.send(days(0, 60));
            List<ConsumerStats> first = runThreads(settings);
            first.forEach(stats -> assertTrue(stats.ok(), stats.toString()));
            SummaryInvariants.readTopic(topics.protobufTopic()).check(new SnapshotStore(directory));

            records.send(days(60, 120));
            runUntilCaughtUp(settings, SummaryInvariants.readTopic(topics.protobufTopic()));
        }
        SummaryInvariants topic = SummaryInvariants.readTopic(topics.protobufTopic());
        topic.checkComplete(new SnapshotStore(directory), 6);
        PartitionSnapshot partition4 = new SnapshotStore(directory).load(4).orElseThrow();
        assertEquals(Set.of("A", "B", "C", "K", "L"), partition4.stations().keySet());
        assertEquals(120, partition4.station("A").count());
        assertEquals(LocalDate.of(2000, 4, 29), partition4.station("A").end());
    }

    @Test
    void corruptRecordsAreSkippedCountedAndReportedOnceDuplicatesIgnored() throws Exception {
        RecordMetadata garbage;
        RecordMetadata unknownStation;
        try (WeatherRecords records = new WeatherRecords(topics.protobufTopic())) {
            records.send(days(0, 30));
            garbage = records.sendRaw("E", "not a report".getBytes(StandardCharsets.UTF_8));
            unknownStation = records.sendRaw("A", ProtobufReportCodec.toMessage(days(0, 1).get(0)).toBuilder()
                    .setStation("a").build().toByteArray());
            records.send(List.of(days(9, 10).get(0))); // station A, day 10 again: a retry's duplicate
            records.send(days(30, 40));
        }
        runUntilCaughtUp(settings.withIterations(10), SummaryInvariants.readTopic(topics.protobufTopic()));
        SummaryInvariants topic = SummaryInvariants.readTopic(topics.protobufTopic());
        assertEquals(2, topic.corruptRecords);
        topic.checkComplete(new SnapshotStore(directory), 6);

        List<SkippedRecord> skipped = new ArrayList<>(allSkipped);
        assertEquals(2, skipped.size(), "each corrupt record reported once: " + skipped);
        assertEquals(Set.of(garbage.partition() + "@" + garbage.offset(), unknownStation.partition() + "@" + unknownStation.offset()),
                skipped.stream().map(s -> s.partition() + "@" + s.offset()).collect(Collectors.toSet()));
        assertTrue(skipped.stream().anyMatch(s -> s.reason().contains("unknown station \"a\"")), skipped.toString());
        assertEquals(1, allDuplicates, "the resent report of A's day 10 was ignored");

        // A later run starts after them: nothing is reported again.
        for (ConsumerStats again : runThreads(settings.withIterations(2))) {
            assertEquals(List.of(), again.skipped());
            assertEquals(0, again.counted());
        }
    }

    @Test
    void anUnreadablePartitionFileStopsThatPartitionAndIsNotOverwritten() throws Exception {
        try (WeatherRecords records = new WeatherRecords(topics.protobufTopic())) {
            records.send(days(0, 20));
        }
        Path broken = directory.resolve("partition-2.json");
        byte[] content = "{\"partition\": 2, \"offset\": 40, \"F\": {\"sum\": 1".getBytes(StandardCharsets.UTF_8);
        Files.write(broken, content);
        SummaryConsumer consumer = new SummaryConsumer(settings, List.of(2, 3));
        consumer.run();
        ConsumerStats stats = consumer.stats();
        assertEquals(Set.of(2), stats.stoppedPartitions().keySet(), stats.toString());
        assertTrue(stats.stoppedPartitions().get(2).contains(broken.toString()), stats.stoppedPartitions().get(2));
        assertArrayEquals(content, Files.readAllBytes(broken), "the unreadable file is left as it was");
        assertTrue(new SnapshotStore(directory).load(3).orElseThrow().offset() > 0, "partition 3 was still counted");
        assertTrue(!stats.ok());
    }

    @Test
    void anUnreachableBrokerEndsTheRunWithinSecondsWithAClearError() throws Exception {
        String dead = KafkaTestSupport.deadAddress();
        long start = System.nanoTime();
        SummaryConsumer consumer = new SummaryConsumer(settings.withBootstrapServers(dead), List.of(0, 1));
        consumer.run();
        assertTrue((System.nanoTime() - start) / 1_000_000_000 < 10, "gave up within seconds");
        KafkaUnreachableException error = assertInstanceOf(KafkaUnreachableException.class, consumer.stats().failure());
        assertTrue(error.getMessage().contains(dead) && error.getMessage().contains("./streamlab up"), error.getMessage());
        assertEquals(List.of(), new SnapshotStore(directory).partitions(), "no file written");
    }

    @Test
    void aMissingTopicIsAClearError() {
        SummaryConsumer consumer = new SummaryConsumer(settings.withTopic("no-such-topic-" + System.nanoTime()), List.of(0));
        consumer.run();
        assertInstanceOf(IllegalStateException.class, consumer.stats().failure());
        assertTrue(consumer.stats().failure().getMessage().contains("does not exist"), consumer.stats().failure().getMessage());
    }

    /** A crash inside the consumer thread: an Error nothing catches, like the JVM dying. */
    private static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash between writing the temporary file and renaming it");
        }
    }

    @Test
    void consumersCrashingBetweenWriteAndRenameResumeExactlyOnce() throws Exception {
        try (WeatherRecords records = new WeatherRecords(topics.protobufTopic())) {
            records.send(days(0, 200));
        }
        Random random = new Random(5);
        // Consumers poll up to 20,000 records, so 200 days make few batches and few saves to crash in:
        // crash at half of them to still crash several times on the way.
        SnapshotStore crashingStore = new SnapshotStore(directory, (temporary, target) -> {
            if (random.nextDouble() < 0.5) {
                throw new SimulatedCrash();
            }
        });
        SummaryInvariants topic = SummaryInvariants.readTopic(topics.protobufTopic());
        ConsumerSettings small = settings.withIterations(3);
        int crashes = 0;
        long deadline = System.nanoTime() + CATCH_UP_DEADLINE.toNanos();
        while (!caughtUp(topic)) {
            assertTrue(System.nanoTime() < deadline, "consumers did not catch up");
            for (List<Integer> partitions : THREE_CONSUMERS) {
                try {
                    new SummaryConsumer(small, partitions, crashingStore).run();
                } catch (SimulatedCrash crash) {
                    crashes++;
                }
                topic.check(new SnapshotStore(directory)); // consistent at every moment, not just at the end
            }
        }
        assertTrue(crashes >= 3, "crashes: " + crashes);
        topic.checkComplete(new SnapshotStore(directory), 6);
    }

    // --- helpers

    private final List<SkippedRecord> allSkipped = new ArrayList<>();
    private long allDuplicates;

    private List<ConsumerStats> runThreads(ConsumerSettings settings) throws InterruptedException {
        List<SummaryConsumer> consumers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (List<Integer> partitions : THREE_CONSUMERS) {
            SummaryConsumer consumer = new SummaryConsumer(settings, partitions);
            consumers.add(consumer);
            threads.add(new Thread(consumer, "consumer-" + partitions));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join(CATCH_UP_DEADLINE.toMillis());
            assertTrue(!thread.isAlive(), thread.getName() + " finished");
        }
        List<ConsumerStats> stats = consumers.stream().map(SummaryConsumer::stats).toList();
        for (ConsumerStats s : stats) {
            allSkipped.addAll(s.skipped());
            allDuplicates += s.duplicates();
        }
        return stats;
    }

    private List<ConsumerStats> runUntilCaughtUp(ConsumerSettings settings, SummaryInvariants topic) throws Exception {
        long deadline = System.nanoTime() + CATCH_UP_DEADLINE.toNanos();
        List<ConsumerStats> stats;
        do {
            assertTrue(System.nanoTime() < deadline, "consumers did not catch up");
            stats = runThreads(settings);
            stats.forEach(s -> assertTrue(s.ok(), s.toString()));
        } while (!caughtUp(topic));
        return stats;
    }

    private boolean caughtUp(SummaryInvariants topic) throws Exception {
        SnapshotStore store = new SnapshotStore(directory);
        for (Map.Entry<Integer, Long> end : topic.endOffsets.entrySet()) {
            var snapshot = store.load(end.getKey());
            if (snapshot.isEmpty() || snapshot.get().offset() < end.getValue()) {
                return false;
            }
        }
        return true;
    }
}
