package io.streamlab.cluster.services;

import io.streamlab.cluster.ClusterException;
import io.streamlab.cluster.LogTail;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a one-shot JVM (formatting storage) to completion, its output appended to a log. */
final class ToolRun {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    private ToolRun() {
    }

    static void run(String what, List<String> command, Path log) {
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, System.lineSeparator() + "=== streamlab " + Instant.now() + ": " + what + ": "
                    + String.join(" ", command)
                    + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new ClusterException(what + " did not finish within " + TIMEOUT.toSeconds() + " s; its log " + log
                        + " ends with:" + System.lineSeparator() + LogTail.lastLines(log, 20));
            }
            if (process.exitValue() != 0) {
                throw new ClusterException(what + " failed (exit code " + process.exitValue() + "); its log " + log
                        + " ends with:" + System.lineSeparator() + LogTail.lastLines(log, 20));
            }
        } catch (IOException e) {
            throw new ClusterException("Cannot run " + what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException(what + " was interrupted", e);
        }
    }
}
