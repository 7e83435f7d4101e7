package io.streamlab.weather;

import io.streamlab.config.Endpoints;
import io.streamlab.kafka.Topics;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The weather project's two topics: {@code stations} (protobuf) and {@code stations-json} (JSON),
 * 6 partitions each, replication factor 1 (one broker). The administration is {@link Topics}'.
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

    /** Deletes both topics if they exist, waits until they are gone, creates them empty and waits for leaders. */
    public void recreate() {
        topics().recreate();
    }

    /** Deletes both topics (if they exist) and waits until they are gone. */
    public void delete() {
        topics().delete();
    }

    /** The names of all (non-internal) topics on the cluster, sorted. */
    public Set<String> list() {
        return topics().list();
    }

    /** Partition count of each of our topics that exists, e.g. {stations=6, stations-json=6}. */
    public Map<String, Integer> partitions() {
        return topics().partitionCounts();
    }

    private Topics topics() {
        return new Topics(bootstrapServers, names(), PARTITIONS);
    }

    @Override
    public String toString() {
        return "WeatherTopics[" + protobufTopic + ", " + jsonTopic + " at " + bootstrapServers + "]";
    }
}
