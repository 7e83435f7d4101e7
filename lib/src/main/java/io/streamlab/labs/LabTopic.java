package io.streamlab.labs;

import io.streamlab.config.Endpoints;
import io.streamlab.kafka.Topics;
import java.util.List;

/**
 * A lab's topic ({@code variance}, {@code social_media}) with <b>one partition</b>: the messages stay in
 * the order they were sent, so what a stream has read so far is always a prefix of the topic — which is
 * how the tests check a lab's results from outside. The administration is {@link Topics}'.
 *
 * <pre>{@code
 * LabTopic topic = LabTopic.named("variance").recreate();
 * }</pre>
 */
public record LabTopic(String bootstrapServers, String name) {

    public static final int PARTITIONS = 1;

    /** The topic {@code name} on the broker {@link Endpoints} names. */
    public static LabTopic named(String name) {
        return new LabTopic(Endpoints.current().kafkaBootstrapServers(), name);
    }

    /** Deletes the topic if it exists, waits until it is gone, creates it empty and waits for its leader. */
    public LabTopic recreate() {
        new Topics(bootstrapServers, List.of(name), PARTITIONS).recreate();
        return this;
    }
}
