package io.streamlab.cluster;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The services a Streamlab cluster is made of, in the order they start. */
public enum Service {
    KAFKA("kafka", "Kafka broker", "kafka.Kafka"),
    NAMENODE("namenode", "HDFS NameNode", "org.apache.hadoop.hdfs.server.namenode.NameNode"),
    DATANODE("datanode", "HDFS DataNode", "org.apache.hadoop.hdfs.server.datanode.DataNode"),
    SPARK_MASTER("spark-master", "Spark master", "org.apache.spark.deploy.master.Master"),
    SPARK_WORKER("spark-worker", "Spark worker", "org.apache.spark.deploy.worker.Worker");

    /** What {@code start} runs without options: enough for every Kafka and HDFS lab. */
    public static final List<Service> CORE = List.of(KAFKA, NAMENODE, DATANODE);
    /** Spark standalone costs about 1 GB more memory, so it only starts when asked for. */
    public static final List<Service> SPARK = List.of(SPARK_MASTER, SPARK_WORKER);
    public static final List<Service> ALL = List.of(values());

    private final String cliName;
    private final String title;
    private final String mainClass;

    Service(String cliName, String title, String mainClass) {
        this.cliName = cliName;
        this.title = title;
        this.mainClass = mainClass;
    }

    /** The name used on the command line, in file names and in status output. */
    public String cliName() {
        return cliName;
    }

    public String title() {
        return title;
    }

    public String mainClass() {
        return mainClass;
    }

    public static Service byName(String name) {
        return Arrays.stream(values())
                .filter(service -> service.cliName.equals(name))
                .findFirst()
                .orElseThrow(() -> new UsageException("Unknown service '" + name + "' — the services are: " + names()));
    }

    public static String names() {
        return Arrays.stream(values()).map(Service::cliName).collect(Collectors.joining(", "));
    }
}
