package io.streamlab.cluster;

import java.net.InetAddress;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Everything about the cluster that can be configured, in one place: where the repository and the
 * state are, which hosts and ports the services use, how much memory each JVM gets. Each value
 * comes from an environment variable (named by the constants below) or its default, so a second
 * cluster (a test's) runs beside the default one with other ports and another state directory.
 */
public record ClusterSettings(
        Path home,
        Path stateDir,
        Path java,
        String bindHost,
        String kafkaHost,
        int kafkaPort,
        int kafkaControllerPort,
        String namenodeHost,
        int hdfsPort,
        int hdfsHttpPort,
        int datanodePort,
        int datanodeHttpPort,
        int datanodeIpcPort,
        String sparkMasterHost,
        int sparkMasterPort,
        int sparkMasterUiPort,
        String sparkWorkerHost,
        int sparkWorkerPort,
        int sparkWorkerUiPort,
        int sparkWorkerCores,
        String sparkWorkerMemory,
        Map<Service, String> heaps,
        Duration startTimeout) {

    public static final String HOME = "STREAMLAB_HOME";
    public static final String STATE = "STREAMLAB_STATE";
    /** The java that runs the services; the one running the launcher if unset. */
    public static final String JAVA = "STREAMLAB_JAVA";
    /** Where services listen: loopback here; 0.0.0.0 inside a container. */
    public static final String BIND_HOST = "STREAMLAB_BIND_HOST";
    /** The host name clients are told to use for the broker (kafka in docker compose). */
    public static final String KAFKA_HOST = "STREAMLAB_KAFKA_HOST";
    public static final String KAFKA_PORT = "STREAMLAB_KAFKA_PORT";
    public static final String KAFKA_CONTROLLER_PORT = "STREAMLAB_KAFKA_CONTROLLER_PORT";
    /** The host name of the NameNode in fs.defaultFS (nn in docker compose). */
    public static final String NAMENODE_HOST = "STREAMLAB_NAMENODE_HOST";
    public static final String HDFS_PORT = "STREAMLAB_HDFS_PORT";
    public static final String HDFS_HTTP_PORT = "STREAMLAB_HDFS_HTTP_PORT";
    public static final String DATANODE_PORT = "STREAMLAB_DATANODE_PORT";
    public static final String DATANODE_HTTP_PORT = "STREAMLAB_DATANODE_HTTP_PORT";
    public static final String DATANODE_IPC_PORT = "STREAMLAB_DATANODE_IPC_PORT";
    /** The host name of the Spark master in spark://HOST:PORT (spark-master in docker compose). */
    public static final String SPARK_MASTER_HOST = "STREAMLAB_SPARK_MASTER_HOST";
    public static final String SPARK_MASTER_PORT = "STREAMLAB_SPARK_MASTER_PORT";
    public static final String SPARK_MASTER_UI_PORT = "STREAMLAB_SPARK_MASTER_UI_PORT";
    /** The worker's own host name, as the master reaches it (spark-worker in docker compose). */
    public static final String SPARK_WORKER_HOST = "STREAMLAB_SPARK_WORKER_HOST";
    public static final String SPARK_WORKER_PORT = "STREAMLAB_SPARK_WORKER_PORT";
    public static final String SPARK_WORKER_UI_PORT = "STREAMLAB_SPARK_WORKER_UI_PORT";
    public static final String SPARK_WORKER_CORES = "STREAMLAB_SPARK_WORKER_CORES";
    public static final String SPARK_WORKER_MEMORY = "STREAMLAB_SPARK_WORKER_MEMORY";
    public static final String START_TIMEOUT = "STREAMLAB_START_TIMEOUT_SECONDS";

    /**
     * Heaps measured to keep Kafka + NameNode + DataNode under 1 GiB of resident memory together.
     * Each can be changed with STREAMLAB_HEAP_KAFKA, STREAMLAB_HEAP_NAMENODE, ...
     */
    private static final Map<Service, String> DEFAULT_HEAPS = Map.of(
            Service.KAFKA, "320m",
            Service.NAMENODE, "256m",
            Service.DATANODE, "160m",
            Service.SPARK_MASTER, "192m",
            Service.SPARK_WORKER, "192m");

    /** The settings of this process: its environment and the system property streamlab.home. */
    public static ClusterSettings current() {
        return fromEnvironment(System.getenv());
    }

    public static ClusterSettings fromEnvironment(Map<String, String> env) {
        Path home = findHome(env);
        Path state = Path.of(text(env, STATE, home.resolve(".streamlab").toString())).toAbsolutePath().normalize();
        Path java = Path.of(text(env, JAVA, Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        Map<Service, String> heaps = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            String variable = "STREAMLAB_HEAP_" + service.name();
            String heap = text(env, variable, DEFAULT_HEAPS.get(service));
            if (!heap.matches("[0-9]+[mMgG]")) {
                throw new ClusterException(variable + " must be a heap size like 256m or 1g, not '" + heap + "'");
            }
            heaps.put(service, heap);
        }
        String bindHost = text(env, BIND_HOST, "127.0.0.1");
        return new ClusterSettings(
                home,
                state,
                java,
                bindHost,
                text(env, KAFKA_HOST, "localhost"),
                port(env, KAFKA_PORT, 9092),
                port(env, KAFKA_CONTROLLER_PORT, 9093),
                text(env, NAMENODE_HOST, "localhost"),
                port(env, HDFS_PORT, 9000),
                port(env, HDFS_HTTP_PORT, 9870),
                port(env, DATANODE_PORT, 9866),
                port(env, DATANODE_HTTP_PORT, 9864),
                port(env, DATANODE_IPC_PORT, 9867),
                text(env, SPARK_MASTER_HOST, "localhost"),
                port(env, SPARK_MASTER_PORT, 7077),
                port(env, SPARK_MASTER_UI_PORT, 8080),
                text(env, SPARK_WORKER_HOST, bindHost.equals("0.0.0.0") ? localHostName() : bindHost),
                port(env, SPARK_WORKER_PORT, 7078),
                port(env, SPARK_WORKER_UI_PORT, 8081),
                number(env, SPARK_WORKER_CORES, 2, 1, 256),
                text(env, SPARK_WORKER_MEMORY, "1g"),
                Map.copyOf(heaps),
                Duration.ofSeconds(number(env, START_TIMEOUT, 120, 5, 3600)));
    }

    /** The ports each service listens on, checked before it starts. */
    public List<Port> ports(Service service) {
        return switch (service) {
            case KAFKA -> List.of(
                    new Port(kafkaPort, "Kafka broker", KAFKA_PORT),
                    new Port(kafkaControllerPort, "Kafka controller", KAFKA_CONTROLLER_PORT));
            case NAMENODE -> List.of(
                    new Port(hdfsPort, "HDFS NameNode", HDFS_PORT),
                    new Port(hdfsHttpPort, "HDFS NameNode web UI", HDFS_HTTP_PORT));
            case DATANODE -> List.of(
                    new Port(datanodePort, "HDFS DataNode data transfer", DATANODE_PORT),
                    new Port(datanodeHttpPort, "HDFS DataNode web UI", DATANODE_HTTP_PORT),
                    new Port(datanodeIpcPort, "HDFS DataNode IPC", DATANODE_IPC_PORT));
            case SPARK_MASTER -> List.of(
                    new Port(sparkMasterPort, "Spark master", SPARK_MASTER_PORT),
                    new Port(sparkMasterUiPort, "Spark master web UI", SPARK_MASTER_UI_PORT));
            case SPARK_WORKER -> List.of(
                    new Port(sparkWorkerPort, "Spark worker", SPARK_WORKER_PORT),
                    new Port(sparkWorkerUiPort, "Spark worker web UI", SPARK_WORKER_UI_PORT));
        };
    }

    public String heap(Service service) {
        return heaps.get(service);
    }

    public String kafkaBootstrap() {
        return kafkaHost + ":" + kafkaPort;
    }

    public String hdfsUrl() {
        return "hdfs://" + namenodeHost + ":" + hdfsPort;
    }

    public String namenodeWebUrl() {
        return "http://" + namenodeHost + ":" + hdfsHttpPort;
    }

    /** The DataNode's web UI as seen from its own host (its health check runs there, also in a container). */
    public String datanodeWebUrl() {
        return "http://" + controllerHost() + ":" + datanodeHttpPort;
    }

    public String sparkMasterUrl() {
        return "spark://" + sparkMasterHost + ":" + sparkMasterPort;
    }

    public String sparkMasterWebUrl() {
        return "http://" + sparkMasterHost + ":" + sparkMasterUiPort;
    }

    /** Where the Kafka controller quorum is reached from inside the broker's own host. */
    public String controllerHost() {
        return bindHost.equals("0.0.0.0") ? "127.0.0.1" : bindHost;
    }

    /** A jar directory some module's build fills; the launcher only reads it. */
    public Path runtimeLib(String module) {
        return home.resolve(module).resolve("target").resolve("lib");
    }

    private static Path findHome(Map<String, String> env) {
        String explicit = env.get(HOME);
        if (explicit == null || explicit.isBlank()) {
            explicit = System.getProperty("streamlab.home");
        }
        if (explicit != null && !explicit.isBlank()) {
            Path home = Path.of(explicit).toAbsolutePath().normalize();
            if (!isHome(home)) {
                throw new ClusterException(HOME + " is " + home
                        + ", which is not a Streamlab checkout (no cluster/ or jvm/ there)");
            }
            return home;
        }
        // The launcher jar lives in <home>/cluster/launcher/target: walk up from there, then from
        // the working directory, to the first directory that looks like the repository.
        for (Path start : List.of(codeLocation(), Path.of("").toAbsolutePath())) {
            for (Path dir = start; dir != null; dir = dir.getParent()) {
                if (isHome(dir)) {
                    return dir;
                }
            }
        }
        throw new ClusterException("Cannot find the Streamlab repository from " + codeLocation()
                + " — set " + HOME + " to the checkout's directory");
    }

    private static boolean isHome(Path dir) {
        return Files.isDirectory(dir.resolve("cluster")) && Files.isRegularFile(dir.resolve("jvm/spark-java17.args"));
    }

    private static Path codeLocation() {
        try {
            return Path.of(ClusterSettings.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toAbsolutePath();
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of("").toAbsolutePath();
        }
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private static String text(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        return number(env, name, fallback, 1, 65535);
    }

    private static int number(Map<String, String> env, String name, int fallback, int min, int max) {
        String value = text(env, name, Integer.toString(fallback));
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below, with the range
        }
        throw new ClusterException(name + " must be a number from " + min + " to " + max + ", not '" + value + "'");
    }
}
