package io.streamlab.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's answers to bad input and to a java that cannot run the services. None starts a service. */
class ClusterCommandsTest {

    @TempDir
    Path state;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> environment, String... args) {
        return new ClusterCommands(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                environment).run(args);
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void noCommandPrintsUsage() {
        assertEquals(ClusterCommands.USAGE, run(Map.of()));
        assertTrue(errors().contains("usage: ClusterCli <command>"), errors());
    }

    @Test
    void unknownCommandIsNamed() {
        assertEquals(ClusterCommands.USAGE, run(Map.of(), "launch"));
        assertTrue(errors().contains("Unknown command 'launch'"), errors());
    }

    @Test
    void unknownServiceListsTheServices() {
        assertEquals(ClusterCommands.USAGE, run(Map.of(ClusterSettings.STATE, state.toString()), "start", "zookeeper"));
        assertTrue(errors().contains("Unknown service 'zookeeper'")
                && errors().contains("kafka, namenode, datanode"), errors());
    }

    @Test
    void runNeedsExactlyOneService() {
        assertEquals(ClusterCommands.USAGE, run(Map.of(), "run"));
        assertTrue(errors().contains("run takes exactly one service"), errors());
    }

    @Test
    void hdfsNeedsTheDfsSubcommand() {
        assertEquals(ClusterCommands.USAGE, run(Map.of(), "hdfs", "-ls", "/"));
        assertTrue(errors().contains("hdfs takes the subcommand dfs") && errors().contains("hdfs dfs -ls /"), errors());
    }

    @Test
    void missingJavaIsReportedBeforeAnythingStarts() {
        int exit = run(Map.of(ClusterSettings.STATE, state.toString(), ClusterSettings.JAVA, "/nonexistent/bin/java"),
                "start", "kafka");

        assertEquals(ClusterCommands.FAILED, exit);
        assertTrue(errors().contains("Java not found: /nonexistent/bin/java")
                && errors().contains("openjdk-17"), errors());
        assertFalse(Files.exists(state.resolve("run").resolve("kafka.pid")));
    }

    @Test
    void oldJavaIsReportedWithItsVersion() throws Exception {
        // A stand-in for an old JDK: answers the version question the way Java 11 does.
        Path oldJava = state.resolveSibling(state.getFileName() + "-old-java");
        Files.writeString(oldJava,
                "#!/bin/sh\necho '    java.specification.version = 11' >&2\necho 'openjdk version \"11.0.2\"' >&2\n");
        Files.setPosixFilePermissions(oldJava, Set.of(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_EXECUTE));
        try {
            int exit = run(Map.of(ClusterSettings.STATE, state.toString(), ClusterSettings.JAVA, oldJava.toString()),
                    "start");

            assertEquals(ClusterCommands.FAILED, exit);
            assertTrue(errors().contains("Java 11 at " + oldJava + " is too old")
                    && errors().contains("Java 17"), errors());
        } finally {
            Files.deleteIfExists(oldJava);
        }
    }

    @Test
    void statusOfAClusterNeverStartedSaysStopped() {
        int exit = run(Map.of(ClusterSettings.STATE, state.toString()), "status");

        assertEquals(ClusterCommands.NOT_READY, exit);
        String output = out.toString(StandardCharsets.UTF_8);
        assertTrue(output.lines().filter(line -> line.contains(" stopped ")).count() == 5, output);
    }
}
