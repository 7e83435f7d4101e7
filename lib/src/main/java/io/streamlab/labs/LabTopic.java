package io.streamlab.labs;

import io.streamlab.config.Endpoints;
import io.streamlab.kafka.KafkaAdmin;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * A lab's topic ({@code variance}, {@code social_media}) with <b>one partition</b>: the messages stay in
 * the order they were sent, so what a stream has read so far is always a prefix of the topic — which is
 * how the tests check a lab's results from outside.
 *
 * <pre>{@code
 * LabTopic topic = LabTopic.named("variance").recreate();
 * }</pre>
 */
public record LabTopic(String bootstrapServers, String name) {

    public static final int PARTITIONS = 1;
    public static final short REPLICATION_FACTOR = 1;
    public static final Duration DEADLINE = Duration.ofSeconds(30);

    /** The topic {@code name} on the broker {@link Endpoints} names. */
    public static LabTopic named(String name) {
        return new LabTopic(Endpoints.current().kafkaBootstrapServers(), name);
    }

    /** Deletes the topic if it exists, waits until it is gone, creates it empty and waits for its leader. */
    public LabTopic recreate() {
        try (Admin admin = KafkaAdmin.open(bootstrapServers)) {
            KafkaAdmin.requireReachable(bootstrapServers);
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            if (exists(admin)) {
                try {
                    admin.deleteTopics(List.of(name)).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                        throw new IllegalStateException("deleting topic " + name + " failed: " + e.getCause(), e.getCause());
                    }
                }
            }
            // Deletion is asynchronous: a topic of the same name cannot be created until the old one is gone.
            while (exists(admin)) {
                waitOrFail(deadline, "topic " + name + " still exists " + DEADLINE.toSeconds() + " s after deleting it");
            }
            while (true) {
                try {
                    admin.createTopics(List.of(new NewTopic(name, PARTITIONS, REPLICATION_FACTOR))).all().get();
                    break;
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("creating topic " + name + " failed: " + e.getCause(), e.getCause());
                    }
                }
                waitOrFail(deadline, "topic " + name + " could not be created within " + DEADLINE.toSeconds() + " s");
            }
            // A new partition answers offset requests only once it has a leader; before that, sends wait.
            while (!served(admin)) {
                waitOrFail(deadline, "topic " + name + " has no leader " + DEADLINE.toSeconds() + " s after creating it");
            }
            return this;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while re-creating topic " + name, e);
        }
    }

    private boolean exists(Admin admin) throws InterruptedException {
        try {
            return admin.listTopics().names().get().contains(name);
        } catch (ExecutionException e) {
            throw new IllegalStateException("listing topics at " + bootstrapServers + " failed: " + e.getCause(), e.getCause());
        }
    }

    private boolean served(Admin admin) throws InterruptedException {
        try {
            admin.listOffsets(Map.of(new TopicPartition(name, 0), OffsetSpec.latest())).all().get();
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RetriableException) {
                return false;
            }
            throw new IllegalStateException("reading offsets of " + name + " failed: " + e.getCause(), e.getCause());
        }
    }

    private static void waitOrFail(long deadline, String failure) throws InterruptedException {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException(failure);
        }
        Thread.sleep(100); // polling interval while waiting on the broker's state
    }
}
