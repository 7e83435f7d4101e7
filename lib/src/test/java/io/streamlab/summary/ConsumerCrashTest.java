package io.streamlab.summary;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamlab.kafka.KafkaTestSupport;
import io.streamlab.kafka.WeatherProducer;
import io.streamlab.kafka.WeatherTopics;
import io.streamlab.weather.Weather;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Consumers in separate JVMs, killed at random moments (destroyForcibly) or halting themselves between
 * writing a partition file's temporary version and renaming it, then restarted — while the producer
 * keeps sending. After every round of kills the files must satisfy the exactly-once invariants, and at
 * the end they must count the whole topic.
 */
@Tag("kafka")
class ConsumerCrashTest {

    private static final int ROUNDS = 5;
    private static final double HALT_PROBABILITY = 0.02;

    @TempDir
    Path directory;

    @Test
    void consumersKilledAtArbitraryMomentsResumeExactlyOnce() throws Exception {
        WeatherTopics topics = KafkaTestSupport.privateTopics("crash");
        List<Process> children = new ArrayList<>();
        try {
            killAndRestartWhileProducing(topics, children);
            finishAndCheck(topics);
        } finally {
            children.forEach(Process::destroyForcibly);
            topics.delete();
        }
    }

    private void killAndRestartWhileProducing(WeatherTopics topics, List<Process> children) throws Exception {
        Random random = new Random(2024);
        int killed = 0;
        int halted = 0;
        try (WeatherProducer producer = new WeatherProducer(
                Weather.stations(15).seed(8).pause(Duration.ofMillis(30)), topics)) {
            producer.start();
            for (int round = 0; round < ROUNDS; round++) {
                children.clear();
                List<Path> logs = new ArrayList<>();
                for (List<Integer> partitions : SummaryConsumerTest.THREE_CONSUMERS) {
                    Path log = directory.resolve("consumer-" + partitions.toString().replaceAll("[^0-9]+", "-")
                            + "round-" + round + ".log");
                    logs.add(log);
                    children.add(startConsumer(topics.protobufTopic(), partitions, random.nextLong(), log));
                }
                // The arbitrary moment: up to 2.5 s after the consumer's first save (JVM start-up takes from
                // 1 to 10 s on a busy 2-core machine, so a fixed delay would often kill consumers that never ran).
                for (int i = 0; i < children.size(); i++) {
                    Process child = children.get(i);
                    awaitFirstSaveOrExit(child, logs.get(i));
                    child.waitFor(random.nextInt(2500), TimeUnit.MILLISECONDS);
                    if (child.isAlive()) {
                        child.destroyForcibly();
                        killed++;
                    }
                }
                for (Process child : children) {
                    assertTrue(child.waitFor(30, TimeUnit.SECONDS), "killed consumer exited");
                    if (child.exitValue() == ConsumerProcess.HALTED_BEFORE_RENAME) {
                        halted++;
                    }
                }
                // Consistent after every round of deaths, not just at the end.
                SummaryInvariants.readTopic(topics.protobufTopic()).check(new SnapshotStore(directory));
            }
            producer.stop();
            assertTrue(producer.failed() == 0 && producer.acknowledged() == producer.sent(), producer.toString());
        }
        System.out.println("consumer processes killed: " + killed + ", halted between write and rename: " + halted);
        assertTrue(killed >= 3, "killed " + killed + " consumers");
        assertTrue(halted >= 1, "halted " + halted + " consumers between write and rename");
    }

    /** Restarted consumers (in this JVM, no more crashes) finish the topic; then everything is counted once. */
    private void finishAndCheck(WeatherTopics topics) throws Exception {
        SummaryInvariants topic = SummaryInvariants.readTopic(topics.protobufTopic());
        ConsumerSettings settings = ConsumerSettings.current().withTopic(topics.protobufTopic())
                .withSnapshotDirectory(directory).withIterations(10).withPollTimeout(Duration.ofMillis(200));
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!caughtUp(topic)) {
            assertTrue(System.nanoTime() < deadline, "consumers did not catch up");
            for (List<Integer> partitions : SummaryConsumerTest.THREE_CONSUMERS) {
                SummaryConsumer consumer = new SummaryConsumer(settings, partitions);
                consumer.run();
                assertTrue(consumer.stats().ok(), consumer.stats().toString());
            }
        }
        topic.checkComplete(new SnapshotStore(directory), 6);
    }

    private static void awaitFirstSaveOrExit(Process child, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (child.isAlive() && !Files.readString(log).contains(ConsumerProcess.FIRST_SAVE)) {
            assertTrue(System.nanoTime() < deadline, "a consumer process saved nothing within 60 s: " + Files.readString(log));
            child.waitFor(50, TimeUnit.MILLISECONDS); // poll the log while the child lives
        }
    }

    private Process startConsumer(String topic, List<Integer> partitions, long seed, Path log) throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", classPath,
                ConsumerProcess.class.getName(), topic, directory.toString(), "100000", "100",
                String.valueOf(HALT_PROBABILITY), String.valueOf(seed),
                partitions.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElseThrow())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    private boolean caughtUp(SummaryInvariants topic) throws Exception {
        SnapshotStore store = new SnapshotStore(directory);
        for (var end : topic.endOffsets.entrySet()) {
            var snapshot = store.load(end.getKey());
            if (snapshot.isEmpty() || snapshot.get().offset() < end.getValue()) {
                return false;
            }
        }
        return true;
    }
}
