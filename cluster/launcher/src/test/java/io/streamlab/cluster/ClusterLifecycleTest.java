package io.streamlab.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real cluster's life, on one shared cluster with its own ports and state directory: start
 * (through the command line, in a JVM of its own that exits), idempotent second start, status,
 * an HDFS file written and read back, stop leaving no process, data surviving stop/start, reset
 * wiping it. The steps build on each other, so they run in order.
 */
@Tag("cluster")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterLifecycleTest {

    private static final String FILE = "/streamlab-test/greeting.txt";
    private static final String TOPIC = "lifecycle";

    @TempDir
    static Path state;

    private static Map<String, String> environment;
    private static ClusterSettings settings;
    private static ByteArrayOutputStream output;
    private static Cluster cluster;

    @BeforeAll
    static void startThroughTheCommandLine() throws Exception {
        environment = TestCluster.environment(state);
        settings = ClusterSettings.fromEnvironment(environment);
        output = new ByteArrayOutputStream();
        cluster = new Cluster(settings, new PrintStream(output, true, StandardCharsets.UTF_8));

        CliRun start = CliRun.of(environment, "start");
        assertEquals(0, start.exit(), start.output());
        assertTrue(start.output().contains("Ready in"), start.output());
    }

    @AfterAll
    static void stopEverything() {
        if (cluster != null) {
            cluster.stop(Service.ALL);
        }
    }

    @Test
    @Order(1)
    void servicesOutliveTheCommandThatStartedThemAndAreReady() {
        List<ServiceStatus> statuses = cluster.status();
        for (ServiceStatus status : statuses) {
            if (Service.CORE.contains(status.service())) {
                assertEquals(ServiceStatus.State.READY, status.state(), status.toString());
                long pid = status.pid().orElseThrow();
                ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
                assertTrue(process.isAlive());
                String commandLine = process.info().commandLine().orElse("");
                assertTrue(commandLine.contains("-Xmx"), "every JVM has an explicit heap: " + commandLine);
                assertTrue(Files.exists(status.log()), status.log() + " exists");
            } else {
                assertEquals(ServiceStatus.State.STOPPED, status.state(), status.toString());
            }
        }
        assertTrue(cluster.isReady(Service.KAFKA));
        assertTrue(cluster.isReady(Service.DATANODE));
    }

    @Test
    @Order(2)
    void secondStartSaysWhatIsAlreadyRunning() throws Exception {
        Map<Service, Long> before = pids();

        CliRun again = CliRun.of(environment, "start");

        assertEquals(0, again.exit(), again.output());
        for (Service service : Service.CORE) {
            assertTrue(again.output().contains(service.cliName() + " is already running (pid " + before.get(service)),
                    again.output());
        }
        assertEquals(before, pids(), "no service was started twice");
    }

    @Test
    @Order(3)
    void statusCommandShowsStatePidPortAndLog() throws Exception {
        CliRun status = CliRun.of(environment, "status");

        assertEquals(0, status.exit(), status.output());
        String kafkaLine = status.output().lines().filter(line -> line.startsWith("kafka ")).findFirst().orElseThrow();
        assertTrue(kafkaLine.contains("running, ready"), kafkaLine);
        assertTrue(kafkaLine.contains(Long.toString(pids().get(Service.KAFKA))), kafkaLine);
        assertTrue(kafkaLine.contains(Integer.toString(settings.kafkaPort())), kafkaLine);
        assertTrue(kafkaLine.contains(state.resolve("logs/kafka.log").toString()), kafkaLine);
        assertTrue(status.output().lines().anyMatch(line -> line.startsWith("spark-master ")
                && line.contains("stopped")), status.output());
    }

    @Test
    @Order(4)
    void hdfsFileIsWrittenAndReadBack() throws Exception {
        writeFile("hello from streamlab");

        assertEquals("hello from streamlab", readFile());
    }

    @Test
    @Order(5)
    void kafkaTopicIsCreated() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            assertTrue(admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(TOPIC));
        }
    }

    @Test
    @Order(6)
    void portAlreadyTakenIsNamedAndNothingStarts(@TempDir Path otherState) throws Exception {
        Map<String, String> otherEnvironment = TestCluster.environment(otherState);
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            otherEnvironment.put(ClusterSettings.HDFS_HTTP_PORT, Integer.toString(squatter.getLocalPort()));

            CliRun start = CliRun.of(otherEnvironment, "start");

            assertEquals(1, start.exit(), start.output());
            assertTrue(start.output().contains("Port " + squatter.getLocalPort()
                    + " (HDFS NameNode web UI) is already in use"), start.output());
            assertTrue(start.output().contains(ClusterSettings.HDFS_HTTP_PORT), start.output());
        }
        try (var pidFiles = Files.list(otherState.resolve("run"))) {
            assertEquals(0, pidFiles.count(), "no service was started");
        }
    }

    @Test
    @Order(7)
    void serviceThatDiesWhileStartingShowsItsLog(@TempDir Path otherState) throws Exception {
        Map<String, String> otherEnvironment = TestCluster.environment(otherState);
        // A heap too small for any JVM: the broker's JVM exits at once, as a broken service would.
        otherEnvironment.put("STREAMLAB_HEAP_KAFKA", "1m");

        CliRun start = CliRun.of(otherEnvironment, "start", "kafka");

        assertEquals(1, start.exit(), start.output());
        assertTrue(start.output().contains("The Kafka broker (pid"), start.output());
        assertTrue(start.output().contains("exited while starting"), start.output());
        assertTrue(start.output().contains("Too small maximum heap"), "the log's last lines are shown: "
                + start.output());
        assertFalse(Files.exists(otherState.resolve("run/kafka.pid")));
    }

    @Test
    @Order(8)
    void sparkStandaloneStartsOnRequestAndStopsAlone() {
        cluster.start(Service.SPARK);

        Map<Service, Long> running = pids();
        assertTrue(cluster.isReady(Service.SPARK_MASTER));
        assertTrue(cluster.isReady(Service.SPARK_WORKER), "the master lists an ALIVE worker");
        assertEquals(1, libJarLinks(state.resolve("spark-home/jars")), "executors find lib in SPARK_HOME/jars");

        cluster.stop(Service.SPARK);

        assertGone(running, Service.SPARK, "stopping Spark");
        assertTrue(cluster.isReady(Service.KAFKA), "stopping Spark leaves Kafka running");
    }

    @Test
    @Order(9)
    void stopLeavesNoProcessAndFreesThePorts() throws Exception {
        Map<Service, Long> running = pids();

        CliRun stop = CliRun.of(environment, "stop");

        assertEquals(0, stop.exit(), stop.output());
        assertGone(running, running.keySet(), "stop");
        PortCheck ports = new PortCheck(settings.bindHost());
        for (Service service : Service.CORE) {
            assertFalse(Files.exists(state.resolve("run/" + service.cliName() + ".pid")));
            settings.ports(service).forEach(port -> assertTrue(ports.isFree(port.number()), port + " is free again"));
        }
        assertTrue(cluster.status().stream().noneMatch(ServiceStatus::isRunning));
    }

    @Test
    @Order(10)
    void dataSurvivesStopAndStart() throws Exception {
        cluster.start(Service.CORE);

        assertEquals("hello from streamlab", readFile());
        try (Admin admin = admin()) {
            assertTrue(admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(TOPIC));
        }
    }

    @Test
    @Order(11)
    void resetWipesTheData() throws Exception {
        Map<Service, Long> running = pids();

        CliRun reset = CliRun.of(environment, "reset");

        assertEquals(0, reset.exit(), reset.output());
        assertGone(running, running.keySet(), "reset");
        assertFalse(Files.exists(state.resolve("data/kafka")));
        assertTrue(Files.exists(state.resolve("logs/kafka.log")), "logs survive a reset");

        cluster.start(Service.CORE);

        try (FileSystem hdfs = hdfs()) {
            assertFalse(hdfs.exists(new org.apache.hadoop.fs.Path(FILE)));
        }
        try (Admin admin = admin()) {
            assertFalse(admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(TOPIC));
        }
    }

    /** Each of {@code services}' processes, by the pid it had before {@code step}, has ended. */
    private static void assertGone(Map<Service, Long> pids, Iterable<Service> services, String step) {
        for (Service service : services) {
            long pid = pids.get(service);
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                    service + " (pid " + pid + ") still runs after " + step);
        }
    }

    private static Map<Service, Long> pids() {
        Map<Service, Long> pids = new HashMap<>();
        for (ServiceStatus status : cluster.status()) {
            status.pid().ifPresent(pid -> pids.put(status.service(), pid));
        }
        return pids;
    }

    private static FileSystem hdfs() throws IOException {
        Configuration configuration = new Configuration();
        configuration.set("dfs.replication", "1");
        return FileSystem.newInstance(URI.create(settings.hdfsUrl()), configuration);
    }

    private static void writeFile(String text) throws IOException {
        try (FileSystem hdfs = hdfs(); FSDataOutputStream stream = hdfs.create(new org.apache.hadoop.fs.Path(FILE),
                true)) {
            stream.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String readFile() throws IOException {
        try (FileSystem hdfs = hdfs(); FSDataInputStream stream = hdfs.open(new org.apache.hadoop.fs.Path(FILE))) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrap()));
    }

    /** The command line, run the way ./streamlab runs it: a JVM of its own, which exits. */
    record CliRun(int exit, String output) {
        static CliRun of(Map<String, String> environment, String... args) throws Exception {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                    "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"), ClusterCli.class.getName()));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(environment);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(Duration.ofMinutes(4).toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("ClusterCli " + String.join(" ", args) + " did not finish: " + output);
            }
            return new CliRun(process.exitValue(), output);
        }
    }

    /** Symbolic links to the helper jar (streamlab-lib-VERSION.jar, the version being the pom's) in {@code jars}. */
    private static long libJarLinks(Path jars) {
        try (var files = Files.list(jars)) {
            return files.filter(Files::isSymbolicLink)
                    .filter(file -> file.getFileName().toString().matches("streamlab-lib-.+\\.jar"))
                    .count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
