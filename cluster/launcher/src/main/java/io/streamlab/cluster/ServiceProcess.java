package io.streamlab.cluster;

import io.streamlab.cluster.services.JvmCommand;
import io.streamlab.cluster.services.ServiceDefinition;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A service's JVM, found by its pid file or just launched. Launched services are detached (own
 * session, stdin from /dev/null, output to the log file) so they outlive the launcher and a
 * Ctrl-C in its terminal.
 */
public final class ServiceProcess {

    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(30);
    private static final Duration FORCED_STOP = Duration.ofSeconds(10);
    private static final long LOG_ROTATION_BYTES = 20L * 1024 * 1024;

    private final Service service;
    private final ProcessHandle handle;

    private ServiceProcess(Service service, ProcessHandle handle) {
        this.service = service;
        this.handle = handle;
    }

    public Service service() {
        return service;
    }

    public long pid() {
        return handle.pid();
    }

    public boolean isAlive() {
        return handle.isAlive();
    }

    /**
     * The running process named by the service's pid file, if it still is that service. A pid file
     * whose process is gone, or whose pid now belongs to another program, is removed.
     */
    public static Optional<ServiceProcess> find(Service service, ClusterState state) {
        OptionalLong pid = state.readPid(service);
        if (pid.isEmpty()) {
            return Optional.empty();
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid.getAsLong()).filter(ProcessHandle::isAlive);
        if (handle.isPresent() && isService(handle.get(), service)) {
            return Optional.of(new ServiceProcess(service, handle.get()));
        }
        state.removePid(service);
        return Optional.empty();
    }

    /** Starts the service detached and records its pid. */
    public static ServiceProcess launch(ServiceDefinition definition, ClusterState state) {
        Service service = definition.service();
        Path log = state.logFile(service);
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            // setsid execs the JVM in a new session (no fork: the pid stays the JVM's), so the
            // terminal's signals no longer reach it.
            command.add(SETSID.toString());
        }
        command.addAll(definition.command());
        try {
            Files.createDirectories(log.getParent());
            rotateIfLarge(log);
            Files.writeString(log, System.lineSeparator() + "=== streamlab " + Instant.now() + ": starting "
                    + service.cliName()
                    + ": " + String.join(" ", definition.command()) + System.lineSeparator(),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().remove("CLASSPATH");
            builder.environment().putAll(definition.environment());
            Process process = builder.start();
            state.writePid(service, process.pid());
            return new ServiceProcess(service, process.toHandle());
        } catch (IOException e) {
            throw new ClusterException("Cannot start the " + service.title() + " (" + String.join(" ", command) + "): "
                    + e.getMessage(), e);
        }
    }

    /**
     * Runs the service attached to this process (its output is ours) until it ends, and returns
     * its exit code. SIGTERM to this JVM (docker stop) stops the service gracefully first.
     */
    public static int runInForeground(ServiceDefinition definition, ClusterState state) {
        Service service = definition.service();
        try {
            ProcessBuilder builder = new ProcessBuilder(definition.command()).inheritIO();
            builder.environment().remove("CLASSPATH");
            builder.environment().putAll(definition.environment());
            Process process = builder.start();
            state.writePid(service, process.pid());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                ServiceProcess running = new ServiceProcess(service, process.toHandle());
                running.requestStop();
                running.awaitStopped(state);
            }, "stop-" + service.cliName()));
            int exit = process.waitFor();
            state.removePid(service);
            return exit;
        } catch (IOException e) {
            throw new ClusterException("Cannot start the " + service.title() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("Interrupted while running " + service.cliName(), e);
        }
    }

    /**
     * Logs grow for as long as a service runs; at each start a log past the limit becomes
     * NAME.log.1 (replacing the previous one), so the state directory stays bounded.
     */
    private static void rotateIfLarge(Path log) throws IOException {
        if (Files.exists(log) && Files.size(log) > LOG_ROTATION_BYTES) {
            Files.move(log, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Asks the process to stop (SIGTERM); {@link #awaitStopped} finishes the job. */
    public void requestStop() {
        handle.destroy();
    }

    /** Waits for the process to end, kills it (SIGKILL) after the grace period, and checks it is gone. */
    public void awaitStopped(ClusterState state) {
        if (!waitForExit(GRACEFUL_STOP)) {
            handle.destroyForcibly();
            if (!waitForExit(FORCED_STOP)) {
                throw new ClusterException("The " + service.title() + " (pid " + pid()
                        + ") did not stop, not even after SIGKILL"
                        + " — check it with: ps -o pid,stat,cmd -p " + pid());
            }
        }
        state.removePid(service);
    }

    private boolean waitForExit(Duration timeout) {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return !handle.isAlive();
        } catch (ExecutionException e) {
            return !handle.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        }
    }

    /** Guards against pid reuse: the command line must carry the service's tag and main class. */
    private static boolean isService(ProcessHandle handle, Service service) {
        Optional<String[]> arguments = handle.info().arguments();
        if (arguments.isEmpty()) {
            return false;
        }
        List<String> list = List.of(arguments.get());
        return list.contains(JvmCommand.SERVICE_TAG + service.cliName()) && list.contains(service.mainClass());
    }
}
