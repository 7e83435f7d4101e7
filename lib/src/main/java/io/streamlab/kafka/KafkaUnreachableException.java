package io.streamlab.kafka;

/** The broker did not answer: names the address and how to start the cluster. */
public class KafkaUnreachableException extends RuntimeException {

    /** The command that starts the local cluster, named in every "not reachable" message. */
    public static final String START_COMMAND = "./streamlab up";

    private final String bootstrapServers;

    public KafkaUnreachableException(String bootstrapServers, Throwable cause) {
        super("Kafka is not reachable at " + bootstrapServers + " — start the cluster with " + START_COMMAND
                + " (or set STREAMLAB_KAFKA to where it runs)"
                + (cause == null || cause.getMessage() == null ? "" : "; cause: " + cause.getMessage()), cause);
        this.bootstrapServers = bootstrapServers;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }
}
