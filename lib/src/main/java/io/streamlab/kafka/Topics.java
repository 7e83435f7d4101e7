package io.streamlab.kafka;

import io.streamlab.wait.Deadline;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Topics a notebook starts afresh: delete → wait until gone → create → wait until every partition is
 * served, each step with a deadline. The weather project's pair ({@code weather.WeatherTopics}) and the labs'
 * one-partition topics are both this.
 *
 * <pre>{@code
 * new Topics("localhost:9092", List.of("stations", "stations-json"), 6).recreate();
 * }</pre>
 */
public record Topics(String bootstrapServers, List<String> names, int partitions) {

    /** One broker, so one copy of each partition. */
    public static final short REPLICATION_FACTOR = 1;
    /** How long deletion, creation and leader election may take before we call it a failure. */
    public static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    public Topics {
        names = List.copyOf(names);
    }

    /**
     * Deletes the topics if they exist, waits until the broker no longer lists them, then creates them
     * with {@link #partitions()} partitions and waits until every partition is served.
     */
    public Topics recreate() {
        try (Admin admin = KafkaAdmin.open(bootstrapServers)) {
            KafkaAdmin.requireReachable(admin, bootstrapServers);
            Deadline deadline = Deadline.in(DEADLINE);
            delete(admin, deadline);
            create(admin, deadline);
            // Right after creation the controller names leaders before the broker serves the partitions.
            deadline.await(() -> allPartitionsServed(admin), POLL_INTERVAL,
                    () -> "topics " + names + " have partitions without a leader after " + DEADLINE.toSeconds() + " s");
            return this;
        }
    }

    /** Deletes the topics (if they exist) and waits until they are gone. */
    public void delete() {
        try (Admin admin = KafkaAdmin.open(bootstrapServers)) {
            KafkaAdmin.requireReachable(admin, bootstrapServers);
            delete(admin, Deadline.in(DEADLINE));
        }
    }

    /** The names of all (non-internal) topics on the cluster, sorted. */
    public Set<String> list() {
        try (Admin admin = KafkaAdmin.open(bootstrapServers)) {
            KafkaAdmin.requireReachable(admin, bootstrapServers);
            return new TreeSet<>(KafkaAdmin.await(admin.listTopics().names(), "listing topics"));
        }
    }

    /** Partition count of each of these topics that exists, e.g. {stations=6, stations-json=6}. */
    public Map<String, Integer> partitionCounts() {
        try (Admin admin = KafkaAdmin.open(bootstrapServers)) {
            KafkaAdmin.requireReachable(admin, bootstrapServers);
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (String name : present(admin)) {
                TopicDescription description = KafkaAdmin.await(
                        admin.describeTopics(List.of(name)).topicNameValues().get(name), "describing " + name);
                counts.put(name, description.partitions().size());
            }
            return counts;
        }
    }

    private void delete(Admin admin, Deadline deadline) {
        List<String> present = present(admin);
        if (!present.isEmpty()) {
            try {
                admin.deleteTopics(present).all().get();
            } catch (ExecutionException e) {
                // Someone else deleted it between our listing and our request: that is what we wanted.
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException("deleting topics " + present + " failed: "
                            + e.getCause(), e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while deleting topics " + present, e);
            }
        }
        // Deletion completes asynchronously; creating a topic of the same name too early fails.
        deadline.await(() -> present(admin).isEmpty(), POLL_INTERVAL,
                () -> "topics " + present(admin) + " still exist " + DEADLINE.toSeconds() + " s after deleting them");
    }

    private void create(Admin admin, Deadline deadline) {
        while (true) {
            List<String> existing = present(admin);
            List<NewTopic> missing = names.stream().filter(name -> !existing.contains(name))
                    .map(name -> new NewTopic(name, partitions, REPLICATION_FACTOR)).toList();
            if (missing.isEmpty()) {
                return;
            }
            try {
                admin.createTopics(missing).all().get();
                return;
            } catch (ExecutionException e) {
                // The broker may still be finishing the deletion of a topic with the same name: retry.
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("creating topics " + names + " failed: "
                            + e.getCause(), e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating topics " + names, e);
            }
            if (deadline.passed()) {
                throw new IllegalStateException("topics " + names + " could not be created within "
                        + DEADLINE.toSeconds() + " s");
            }
            deadline.pause(POLL_INTERVAL, "topics " + names + " to be created");
        }
    }

    /**
     * True when every partition has a leader that answers offset requests. The controller names leaders
     * before the broker serves the partitions; a producer whose first batch is refused in that window
     * retries it after its later batches.
     */
    private boolean allPartitionsServed(Admin admin) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (String name : names) {
            for (int p = 0; p < partitions; p++) {
                request.put(new TopicPartition(name, p), OffsetSpec.latest());
            }
        }
        try {
            admin.listOffsets(request).all().get();
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RetriableException) {
                return false; // metadata not propagated yet, or no leader yet
            }
            throw new IllegalStateException("reading offsets of " + names + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading offsets of " + names, e);
        }
    }

    private List<String> present(Admin admin) {
        Set<String> existing = KafkaAdmin.await(admin.listTopics().names(), "listing topics");
        return names.stream().filter(existing::contains).toList();
    }
}
