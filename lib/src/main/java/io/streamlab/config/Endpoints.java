package io.streamlab.config;

import java.util.Map;

/**
 * Where the cluster's services are. The only place that knows host names: notebooks and the helper
 * jar ask here, so the same notebook runs against the local cluster and the docker compose one.
 */
public record Endpoints(String kafkaBootstrapServers, String sparkMaster, String hdfsUrl) {

    public static final String KAFKA_VARIABLE = "STREAMLAB_KAFKA";
    public static final String SPARK_MASTER_VARIABLE = "STREAMLAB_SPARK_MASTER";
    public static final String HDFS_VARIABLE = "STREAMLAB_HDFS";

    public static final Endpoints LOCAL = new Endpoints("localhost:9092", "local[2]", "hdfs://localhost:9000");

    /** The endpoints of this process: environment variables where set, the local cluster otherwise. */
    public static Endpoints current() {
        return fromEnvironment(System.getenv());
    }

    static Endpoints fromEnvironment(Map<String, String> environment) {
        return new Endpoints(
                valueOrDefault(environment, KAFKA_VARIABLE, LOCAL.kafkaBootstrapServers()),
                valueOrDefault(environment, SPARK_MASTER_VARIABLE, LOCAL.sparkMaster()),
                valueOrDefault(environment, HDFS_VARIABLE, LOCAL.hdfsUrl()));
    }

    private static String valueOrDefault(Map<String, String> environment, String name, String fallback) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    /** True when Spark runs on a standalone cluster rather than inside this JVM. */
    public boolean sparkIsStandalone() {
        return sparkMaster.startsWith("spark://");
    }
}
