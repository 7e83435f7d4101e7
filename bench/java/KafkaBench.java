import io.streamlab.config.Endpoints;
import io.streamlab.kafka.KafkaAdmin;
import io.streamlab.kafka.WeatherProducer;
import io.streamlab.kafka.WeatherTopics;
import io.streamlab.summary.ConsumerSettings;
import io.streamlab.summary.SummaryConsumer;
import io.streamlab.weather.ReportCodec;
import io.streamlab.weather.Weather;
import io.streamlab.weather.WeatherReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The Java side of the Kafka benchmarks, run by bench/streamlab_bench.py in Java's source-launcher mode
 * against the built helper jar (so it always measures the lib the notebooks import):
 *
 * <pre>
 * java -cp lib/target/streamlab-lib-0.1.0-SNAPSHOT.jar:lib/target/lib/* bench/java/KafkaBench.java MODE ...
 *   produce REPORTS TOPIC JSON_TOPIC RUNS   recreate both topics, send REPORTS reports of 15 stations without pauses
 *   recreate TOPIC JSON_TOPIC          delete and create both topics with 6 partitions (for ProducerPerformance)
 *   record-size                        average value size of a report over both topics, in bytes
 *   summary TOPIC DIR RUNS             3 SummaryConsumer threads (0+1, 2+3, 4+5) until the topic is read to its end
 *   count TOPIC RUNS                   3 plain consumers that only count records, same layout and client settings
 * </pre>
 * The timed modes run once untimed-for-the-table first ("warmup": the JVM's first run loads and
 * compiles the client; a notebook's kernel pays that once) and then RUNS times, in one JVM, printing
 * one JSON line per run: {"records": N, "seconds": S, ...}.
 */
public final class KafkaBench {

    private static final List<List<Integer>> SEED_LAYOUT = List.of(List.of(0, 1), List.of(2, 3), List.of(4, 5));
    private static final Duration DEADLINE = Duration.ofMinutes(10);

    public static void main(String[] args) throws Exception {
        switch (args.length == 0 ? "" : args[0]) {
            case "produce" -> repeat(Integer.parseInt(args[4]), run -> produce(Long.parseLong(args[1]), args[2], args[3]));
            case "record-size" -> recordSize();
            case "recreate" -> WeatherTopics.current().named(args[1], args[2]).recreate();
            case "summary" -> repeat(Integer.parseInt(args[3]), run -> summary(args[1], Path.of(args[2], "run-" + run)));
            case "count" -> repeat(Integer.parseInt(args[2]), run -> count(args[1]));
            default -> {
                System.err.println("usage: KafkaBench produce REPORTS TOPIC JSON_TOPIC RUNS | recreate TOPIC JSON_TOPIC | record-size"
                        + " | summary TOPIC DIR RUNS | count TOPIC RUNS");
                System.exit(2);
            }
        }
    }

    interface Run {
        String run(int run) throws Exception;
    }

    /** Run 0 is the warm-up; every run prints its JSON line, the warm-up's marked. */
    static void repeat(int runs, Run body) throws Exception {
        for (int run = 0; run <= runs; run++) {
            String json = body.run(run);
            System.out.println(run == 0 ? json.replaceFirst("}$", ", \"warmup\": true}") : json);
        }
    }

    /** The helper jar's producer as a notebook uses it, timed from start() to the last acknowledgement. */
    static String produce(long reports, String topic, String jsonTopic) throws InterruptedException {
        WeatherTopics topics = WeatherTopics.current().named(topic, jsonTopic);
        topics.recreate();
        Weather weather = Weather.stations(15).pause(Duration.ZERO).limit(reports);
        // Load the admin client's classes before the clock starts, as ProducerPerformance builds its
        // client before its clock starts; start() still checks the broker inside the timed part.
        KafkaAdmin.requireReachable(topics.bootstrapServers());
        long started = System.nanoTime();
        WeatherProducer producer = new WeatherProducer(weather, topics).start();
        if (!producer.awaitFinished(DEADLINE)) {
            producer.stop();
            throw new IllegalStateException("the producer did not finish " + reports + " reports within " + DEADLINE);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (producer.failed() > 0 || producer.acknowledged() != 2 * reports) {
            throw new IllegalStateException("the producer did not get every record acknowledged: " + producer);
        }
        return String.format("{\"records\": %d, \"failed\": %d, \"seconds\": %.6f}", producer.acknowledged(), producer.failed(), seconds);
    }

    /** What ProducerPerformance should send to be comparable: the mean value size over both topics. */
    static void recordSize() {
        long bytes = 0;
        long records = 0;
        for (WeatherReport report : Weather.stations(15).seed(1).pause(Duration.ZERO).limit(15_000)) {
            bytes += ReportCodec.PROTOBUF.encode(report).length + ReportCodec.JSON.encode(report).length;
            records += 2;
        }
        System.out.printf("{\"bytes\": %.3f}%n", (double) bytes / records);
    }

    /** The exactly-once summary consumers of kafka.ipynb, until their files hold every record of the topic. */
    static String summary(String topic, Path directory) throws InterruptedException {
        Map<Integer, Long> end = endOffsets(topic);
        long records = end.values().stream().mapToLong(Long::longValue).sum();
        ConsumerSettings settings = ConsumerSettings.current().withTopic(topic).withSnapshotDirectory(directory)
                .withIterations(Integer.MAX_VALUE);
        List<SummaryConsumer> consumers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long started = System.nanoTime();
        for (List<Integer> partitions : SEED_LAYOUT) {
            SummaryConsumer consumer = new SummaryConsumer(settings, partitions);
            consumers.add(consumer);
            Thread thread = new Thread(consumer, "summary-" + partitions);
            threads.add(thread);
            thread.start();
        }
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        // Done when every partition's file was saved with the partition's end offset.
        while (!allSaved(consumers, end)) {
            for (SummaryConsumer consumer : consumers) {
                if (consumer.stats().failure() != null || !consumer.stats().stoppedPartitions().isEmpty()) {
                    throw new IllegalStateException("a summary consumer failed: " + consumer.stats());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the summary consumers did not reach " + end + " within " + DEADLINE);
            }
            Thread.sleep(2); // polling granularity of the finish line, 2 ms
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        // The consumers poll on (a notebook's run has a fixed number of polls); their files are complete, so stop them.
        for (Thread thread : threads) {
            thread.interrupt();
        }
        for (Thread thread : threads) {
            thread.join(30_000);
        }
        return String.format("{\"records\": %d, \"seconds\": %.6f, \"dir\": \"%s\"}", records, seconds, directory);
    }

    private static boolean allSaved(List<SummaryConsumer> consumers, Map<Integer, Long> end) {
        Map<Integer, Long> saved = new HashMap<>();
        for (SummaryConsumer consumer : consumers) {
            saved.putAll(consumer.stats().savedOffsets());
        }
        for (Map.Entry<Integer, Long> partition : end.entrySet()) {
            if (partition.getValue() > 0 && !partition.getValue().equals(saved.get(partition.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** The same consumers without the bookkeeping: poll and count, nothing decoded, nothing saved. */
    static String count(String topic) throws InterruptedException {
        Map<Integer, Long> end = endOffsets(topic);
        ConsumerSettings settings = ConsumerSettings.current().withTopic(topic);
        AtomicLong counted = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        long started = System.nanoTime();
        for (List<Integer> partitions : SEED_LAYOUT) {
            Thread thread = new Thread(() -> {
                try {
                    counted.addAndGet(countPartitions(settings, topic, partitions, end));
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "count-" + partitions);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(DEADLINE.toMillis());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (!failures.isEmpty()) {
            throw new IllegalStateException("a counting consumer failed", failures.get(0));
        }
        long expected = end.values().stream().mapToLong(Long::longValue).sum();
        if (counted.get() != expected) {
            throw new IllegalStateException("counted " + counted.get() + " records, the topic has " + expected);
        }
        return String.format("{\"records\": %d, \"seconds\": %.6f}", counted.get(), seconds);
    }

    private static long countPartitions(ConsumerSettings settings, String topic, List<Integer> partitions,
                                        Map<Integer, Long> end) {
        Properties properties = SummaryConsumer.clientSettings(settings, partitions);
        List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p)).toList();
        long count = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (assigned.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp.partition()))) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(settings.pollTimeout());
                count += batch.count();
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("partitions " + partitions + " not read within " + DEADLINE);
                }
            }
        }
        return count;
    }

    private static Map<Integer, Long> endOffsets(String topic) {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", Endpoints.current().kafkaBootstrapServers());
        properties.put("key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        properties.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist at " + Endpoints.current().kafkaBootstrapServers());
            }
            Map<Integer, Long> end = new HashMap<>();
            consumer.endOffsets(partitions, Duration.ofSeconds(10)).forEach((tp, offset) -> end.put(tp.partition(), offset));
            return end;
        }
    }
}
