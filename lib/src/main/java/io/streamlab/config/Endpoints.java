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

    /** The local cluster's ports ({@code ./streamlab cluster}'s settings); the endpoints follow them unless set. */
    public static final String KAFKA_PORT_VARIABLE = "STREAMLAB_KAFKA_PORT";
    public static final String HDFS_PORT_VARIABLE = "STREAMLAB_HDFS_PORT";

    public static final Endpoints LOCAL = new Endpoints("localhost:9092", "local[2]", "hdfs://localhost:9000");

    /** The endpoints of this process: environment variables where set, the local cluster otherwise. */
    public static Endpoints current() {
        return fromEnvironment(System.getenv());
    }

    /**
     * {@code STREAMLAB_KAFKA} and {@code STREAMLAB_HDFS} where set; otherwise the local cluster on its ports
     * ({@code STREAMLAB_KAFKA_PORT}, {@code STREAMLAB_HDFS_PORT}), so moving the cluster moves the clients.
     */
    static Endpoints fromEnvironment(Map<String, String> environment) {
        String kafkaPort = Environment.text(environment, KAFKA_PORT_VARIABLE, "9092");
        String hdfsPort = Environment.text(environment, HDFS_PORT_VARIABLE, "9000");
        return new Endpoints(
                Environment.text(environment, KAFKA_VARIABLE, "localhost:" + kafkaPort),
                Environment.text(environment, SPARK_MASTER_VARIABLE, LOCAL.sparkMaster()),
                Environment.text(environment, HDFS_VARIABLE, "hdfs://localhost:" + hdfsPort));
    }

    /** True when Spark runs on a standalone cluster rather than inside this JVM. */
    public boolean sparkIsStandalone() {
        return sparkMaster.startsWith("spark://");
    }
}
