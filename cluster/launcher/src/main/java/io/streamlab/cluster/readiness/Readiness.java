package io.streamlab.cluster.readiness;

/**
 * Whether a service does its job yet, asked over the network the way its clients will use it
 * (a listening port alone proves little: a NameNode in safe mode listens but refuses writes).
 */
public interface Readiness extends AutoCloseable {

    /** One quick probe; never throws, never blocks for more than a few seconds. */
    boolean isReady();

    /** What a ready service shows, for messages: "the broker at localhost:9092 to answer describeCluster". */
    String condition();

    @Override
    default void close() {
    }
}
