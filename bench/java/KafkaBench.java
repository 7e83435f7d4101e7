import io.streamlab.config.Endpoints;
import io.streamlab.weather.WeatherTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The Java side of the Kafka benchmarks that are not kafka.ipynb's own cells (those run in a kernel,
 * driven by bench/streamlab_bench.py), compiled against the built helper jar:
 *
 * <pre>
 * java -cp "target/bench-classes:$(ls lib/target/streamlab-lib-*.jar):lib/target/lib/*" KafkaBench MODE ...
 *   recreate TOPIC JSON_TOPIC          delete and create both topics with 6 partitions (for ProducerPerformance)
 *   count TOPIC RUNS                   3 plain consumers (0+1, 2+3, 4+5) that only count records to the topic's end,
 *                                      with the notebook's consumer settings
 * </pre>
 * count runs once untimed-for-the-table first ("warmup": the JVM's first run loads and compiles the
 * client) and then RUNS times, in one JVM, printing one JSON line per run: {"records": N, "seconds": S}.
 */
public final class KafkaBench {

    private static final List<List<Integer>> SEED_LAYOUT = List.of(List.of(0, 1), List.of(2, 3), List.of(4, 5));
    private static final Duration DEADLINE = Duration.ofMinutes(10);
    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(1);

    public static void main(String[] args) throws Exception {
        switch (args.length == 0 ? "" : args[0]) {
            case "recreate" -> WeatherTopics.current().named(args[1], args[2]).recreate();
            case "count" -> {
                int runs = Integer.parseInt(args[2]);
                for (int run = 0; run <= runs; run++) {
                    String json = count(args[1]);
                    System.out.println(run == 0 ? json.replaceFirst("}$", ", \"warmup\": true}") : json);
                }
            }
            default -> {
                System.err.println("usage: KafkaBench recreate TOPIC JSON_TOPIC | count TOPIC RUNS");
                System.exit(2);
            }
        }
    }

    /** kafka.ipynb's consumer settings (its "Properties consumerSettings" cell), for a like-for-like baseline. */
    static Properties notebookConsumerSettings() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Endpoints.current().kafkaBootstrapServers());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 20_000);
        properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        return properties;
    }

    /** Consumers in the notebook's layout without the bookkeeping: poll and count, nothing parsed, nothing saved. */
    static String count(String topic) throws InterruptedException {
        Map<Integer, Long> end = endOffsets(topic);
        AtomicLong counted = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        long started = System.nanoTime();
        for (List<Integer> partitions : SEED_LAYOUT) {
            Thread thread = new Thread(() -> {
                try {
                    counted.addAndGet(countPartitions(topic, partitions, end));
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

    private static long countPartitions(String topic, List<Integer> partitions, Map<Integer, Long> end) {
        List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p)).toList();
        long count = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(notebookConsumerSettings())) {
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (assigned.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp.partition()))) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(POLL_TIMEOUT);
                count += batch.count();
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("partitions " + partitions + " not read within " + DEADLINE);
                }
            }
        }
        return count;
    }

    private static Map<Integer, Long> endOffsets(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(notebookConsumerSettings())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist at "
                        + Endpoints.current().kafkaBootstrapServers());
            }
            Map<Integer, Long> end = new HashMap<>();
            consumer.endOffsets(partitions, Duration.ofSeconds(10))
                    .forEach((tp, offset) -> end.put(tp.partition(), offset));
            return end;
        }
    }
}
