package io.streamlab.weather;

import io.streamlab.config.Endpoints;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Checks that a topic exists and holds messages before a Spark stream reads it. Spark's Kafka source
 * would otherwise wait silently forever for a topic nobody created, which looks like a hang.
 */
public final class TopicCheck {

    /** What the check found: the topic has {@code messages} messages over {@code partitions} partitions. */
    public record TopicData(String topic, int partitions, long messages) {
        @Override
        public String toString() {
            return "topic " + topic + ": " + partitions + " partitions, " + messages + " messages";
        }
    }

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private TopicCheck() {
    }

    public static TopicData requireData(String topic) {
        return requireData(topic, Endpoints.current().kafkaBootstrapServers(), DEFAULT_TIMEOUT);
    }

    /** Returns what the topic holds, or throws an error that says what to run first. */
    public static TopicData requireData(String topic, String bootstrapServers, Duration timeout) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // Short timeouts: the point of the check is to answer quickly instead of waiting on a dead broker.
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 5000));
        // Retry a refused connection twice a second, not twenty times: each failure logs a warning.
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 500);
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        Admin admin = Admin.create(config);
        try {
            TopicDescription description = describe(admin, topic, bootstrapServers, timeout);
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            description.partitions().forEach(p -> {
                TopicPartition partition = new TopicPartition(topic, p.partition());
                earliest.put(partition, OffsetSpec.earliest());
                latest.put(partition, OffsetSpec.latest());
            });
            long messages = total(admin.listOffsets(latest), bootstrapServers, timeout)
                    - total(admin.listOffsets(earliest), bootstrapServers, timeout);
            if (messages <= 0) {
                throw new IllegalStateException("topic " + topic + " is empty — start the producer in kafka.ipynb"
                        + " Part 1 and run this cell again");
            }
            return new TopicData(topic, description.partitions().size(), messages);
        } finally {
            // Do not let calls still pending against a dead broker hold up the notebook cell.
            admin.close(Duration.ofSeconds(1));
        }
    }

    private static TopicDescription describe(Admin admin, String topic, String servers, Duration timeout) {
        try {
            return admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(topic);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new IllegalStateException("topic " + topic + " does not exist — run kafka.ipynb Part 1 first");
            }
            throw failed(servers, e.getCause());
        } catch (TimeoutException e) {
            throw unreachable(servers, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking Kafka about topic " + topic, e);
        }
    }

    private static long total(ListOffsetsResult offsets, String servers, Duration timeout) {
        try {
            return offsets.all().get(timeout.toMillis(), TimeUnit.MILLISECONDS).values().stream()
                    .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset)
                    .sum();
        } catch (ExecutionException e) {
            throw failed(servers, e.getCause());
        } catch (TimeoutException e) {
            throw unreachable(servers, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking Kafka for offsets", e);
        }
    }

    private static IllegalStateException failed(String servers, Throwable cause) {
        if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
            return unreachable(servers, cause);
        }
        return new IllegalStateException("Kafka at " + servers + " refused the request: " + cause.getMessage(), cause);
    }

    private static IllegalStateException unreachable(String servers, Throwable cause) {
        return new IllegalStateException("Kafka is not reachable at " + servers + " ("
                + cause.getClass().getSimpleName()
                + ") — start the cluster with ./streamlab up", cause);
    }
}
