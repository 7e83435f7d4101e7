package io.streamlab.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "run kafka" is a container's main process: the broker runs in the foreground, and SIGTERM to the
 * launcher (docker stop) stops the broker with it.
 */
@Tag("cluster")
class ForegroundRunTest {

    @Test
    void sigtermToTheLauncherStopsTheService(@TempDir Path state) throws Exception {
        Map<String, String> environment = TestCluster.environment(state);
        ClusterSettings settings = ClusterSettings.fromEnvironment(environment);
        Cluster cluster = new Cluster(settings, System.out);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), ClusterCli.class.getName(), "run", "kafka"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(state.resolveSibling(state.getFileName() + "-run.log").toFile())
                .redirectInput(new File("/dev/null"));
        builder.environment().putAll(environment);
        Process launcher = builder.start();
        try {
            Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
            while (!cluster.isReady(Service.KAFKA)) {
                assertTrue(launcher.isAlive(), "the launcher runs until the broker ends");
                assertTrue(Instant.now().isBefore(deadline), "the broker is ready within 2 minutes");
                Thread.sleep(300);
            }
            long brokerPid = Long.parseLong(Files.readString(state.resolve("run/kafka.pid")).trim());
            assertTrue(ProcessHandle.of(brokerPid).map(ProcessHandle::isAlive).orElse(false));

            launcher.destroy(); // SIGTERM, as docker stop sends it

            assertTrue(launcher.waitFor(60, TimeUnit.SECONDS), "the launcher ends after SIGTERM");
            assertFalse(ProcessHandle.of(brokerPid).map(ProcessHandle::isAlive).orElse(false),
                    "the broker ended with it");
            assertFalse(Files.exists(state.resolve("run/kafka.pid")));
            assertEquals(0, cluster.status().stream().filter(ServiceStatus::isRunning).count());
        } finally {
            // Whatever failed above: SIGTERM first (the launcher's hook stops the broker), then
            // the stop command for a broker that outlived it.
            launcher.destroy();
            if (!launcher.waitFor(60, TimeUnit.SECONDS)) {
                launcher.destroyForcibly();
            }
            cluster.stop(List.of(Service.KAFKA));
        }
    }
}
