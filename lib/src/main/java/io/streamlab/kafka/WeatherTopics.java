package io.streamlab.kafka;

import io.streamlab.config.Endpoints;
import java.time.Duration;
import java.util.ArrayList;
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
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The weather project's two topics: {@code stations} (protobuf) and {@code stations-json} (JSON),
 * 6 partitions each, replication factor 1 (one broker).
 *
 * <pre>{@code
 * var topics = WeatherTopics.current();
 * topics.recreate();          // delete both, wait until gone, create them empty
 * topics.list();              // [stations, stations-json]
 * }</pre>
 */
public record WeatherTopics(String bootstrapServers, String protobufTopic, String jsonTopic) {

    public static final String STATIONS = "stations";
    public static final String STATIONS_JSON = "stations-json";
    public static final int PARTITIONS = 6;
    /** One broker, so one copy of each partition. */
    public static final short REPLICATION_FACTOR = 1;
    /** How long deletion, creation and leader election may take before we call it a failure. */
    public static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    /** The standard topics on the cluster {@link Endpoints#current()} names. */
    public static WeatherTopics current() {
        return at(Endpoints.current().kafkaBootstrapServers());
    }

    /** The standard topics on the cluster at {@code bootstrapServers}. */
    public static WeatherTopics at(String bootstrapServers) {
        return new WeatherTopics(bootstrapServers, STATIONS, STATIONS_JSON);
    }

    /** Other topic names on the same cluster (tests use their own, so they never clash with a notebook). */
    public WeatherTopics named(String protobufTopic, String jsonTopic) {
        return new WeatherTopics(bootstrapServers, protobufTopic, jsonTopic);
    }

    public List<String> names() {
        return List.of(protobufTopic, jsonTopic);
    }

    /**
     * Deletes both topics if they exist, waits until the broker no longer lists them, then creates them
     * with {@value #PARTITIONS} partitions and waits until every partition has a leader.
     */
    public void recreate() {
        try (Admin admin = KafkaAdmin.open(bootstrapServers)) {
            KafkaAdmin.requireReachable(admin, bootstrapServers);
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            delete(admin, deadline);
            create(admin, deadline);
            awaitLeaders(admin, deadline);
        }
    }

    /** Deletes both topics (if they exist) and waits until they are gone. */
    public void delete() {
        try (Admin admin = KafkaAdmin.open(bootstrapServers)) {
            KafkaAdmin.requireReachable(admin, bootstrapServers);
            delete(admin, System.nanoTime() + DEADLINE.toNanos());
        }
    }

    /** The names of all (non-internal) topics on the cluster, sorted. */
    public Set<String> list() {
        try (Admin admin = KafkaAdmin.open(bootstrapServers)) {
            KafkaAdmin.requireReachable(admin, bootstrapServers);
            return new TreeSet<>(KafkaAdmin.await(admin.listTopics().names(), "listing topics"));
        }
    }

    /** Partition count of each of our topics that exists, e.g. {stations=6, stations-json=6}. */
    public Map<String, Integer> partitions() {
        try (Admin admin = KafkaAdmin.open(bootstrapServers)) {
            KafkaAdmin.requireReachable(admin, bootstrapServers);
            Set<String> existing = KafkaAdmin.await(admin.listTopics().names(), "listing topics");
            Map<String, Integer> partitions = new LinkedHashMap<>();
            for (String name : names()) {
                if (existing.contains(name)) {
                    TopicDescription description = KafkaAdmin.await(
                            admin.describeTopics(List.of(name)).topicNameValues().get(name), "describing " + name);
                    partitions.put(name, description.partitions().size());
                }
            }
            return partitions;
        }
    }

    private void delete(Admin admin, long deadline) {
        List<String> present = present(admin);
        if (!present.isEmpty()) {
            try {
                admin.deleteTopics(present).all().get();
            } catch (ExecutionException e) {
                // Someone else deleted it between our listing and our request: that is what we wanted.
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException("deleting topics " + present + " failed: " + e.getCause(), e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while deleting topics " + present, e);
            }
        }
        // Deletion completes asynchronously; creating a topic of the same name too early fails.
        while (!present(admin).isEmpty()) {
            waitOrFail(deadline, "topics " + present(admin) + " still exist " + DEADLINE.toSeconds()
                    + " s after deleting them");
        }
    }

    private void create(Admin admin, long deadline) {
        List<NewTopic> topics = new ArrayList<>();
        for (String name : names()) {
            topics.add(new NewTopic(name, PARTITIONS, REPLICATION_FACTOR));
        }
        while (true) {
            List<NewTopic> missing = topics.stream().filter(t -> !present(admin).contains(t.name())).toList();
            if (missing.isEmpty()) {
                return;
            }
            try {
                admin.createTopics(missing).all().get();
                return;
            } catch (ExecutionException e) {
                // The broker may still be finishing the deletion of a topic with the same name: retry.
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("creating topics " + names() + " failed: " + e.getCause(), e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating topics " + names(), e);
            }
            waitOrFail(deadline, "topics " + names() + " could not be created within " + DEADLINE.toSeconds() + " s");
        }
    }

    private void awaitLeaders(Admin admin, long deadline) {
        while (!allPartitionsLed(admin) || !allPartitionsServed(admin)) {
            waitOrFail(deadline, "topics " + names() + " have partitions without a leader after "
                    + DEADLINE.toSeconds() + " s");
        }
    }

    private boolean allPartitionsLed(Admin admin) {
        try {
            Map<String, TopicDescription> descriptions = admin.describeTopics(names()).allTopicNames().get();
            for (TopicDescription description : descriptions.values()) {
                if (description.partitions().size() != PARTITIONS) {
                    return false;
                }
                for (TopicPartitionInfo partition : description.partitions()) {
                    if (partition.leader() == null || partition.leader().isEmpty()) {
                        return false;
                    }
                }
            }
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false; // metadata not propagated yet
            }
            throw new IllegalStateException("describing topics " + names() + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing topics " + names(), e);
        }
    }

    /**
     * True when the leader answers offset requests for every partition. The controller names leaders
     * before the broker serves the partitions; an idempotent producer whose first batch is refused in
     * that window can see its later batches accepted first and the retried first one rejected.
     */
    private boolean allPartitionsServed(Admin admin) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (String name : names()) {
            for (int p = 0; p < PARTITIONS; p++) {
                request.put(new TopicPartition(name, p), OffsetSpec.latest());
            }
        }
        try {
            admin.listOffsets(request).all().get();
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RetriableException) {
                return false;
            }
            throw new IllegalStateException("reading offsets of " + names() + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading offsets of " + names(), e);
        }
    }

    private List<String> present(Admin admin) {
        Set<String> existing = KafkaAdmin.await(admin.listTopics().names(), "listing topics");
        return names().stream().filter(existing::contains).toList();
    }

    private static void waitOrFail(long deadline, String failure) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException(failure);
        }
        try {
            Thread.sleep(POLL_INTERVAL.toMillis()); // polling interval while waiting on the broker's state
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting: " + failure, e);
        }
    }

    @Override
    public String toString() {
        return "WeatherTopics[" + protobufTopic + ", " + jsonTopic + " at " + bootstrapServers + "]";
    }
}
