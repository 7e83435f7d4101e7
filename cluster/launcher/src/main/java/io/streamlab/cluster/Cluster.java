package io.streamlab.cluster;

import io.streamlab.cluster.readiness.Readiness;
import io.streamlab.cluster.services.ServiceDefinition;
import io.streamlab.cluster.services.ServiceDefinitions;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/** Starts, checks, stops and resets the services of one cluster (one settings + state directory). */
public final class Cluster {

    private static final Duration POLL = Duration.ofMillis(300);
    private static final int LOG_LINES = 25;
    private static final Duration PROBE_WINDOW = Duration.ofSeconds(10);

    private final ClusterSettings settings;
    private final ClusterState state;
    private final PrintStream out;

    public Cluster(ClusterSettings settings, PrintStream out) {
        this.settings = settings;
        this.state = new ClusterState(settings.stateDir());
        this.out = out;
    }

    public ClusterSettings settings() {
        return settings;
    }

    public ClusterState state() {
        return state;
    }

    /**
     * Starts the services that are not running and waits until every one of them is ready. A
     * second start only reports what runs. If a service fails, what this call started is stopped
     * again, so a failed start leaves no half-started cluster behind.
     */
    public void start(List<Service> services) {
        Instant began = Instant.now();
        JavaRuntime.require(settings.java());
        state.ensureCreated();
        List<Service> ordered = inStartOrder(services);
        Map<Service, ServiceProcess> processes = new LinkedHashMap<>();
        List<ServiceDefinition> toStart = new ArrayList<>();
        for (Service service : ordered) {
            Optional<ServiceProcess> running = ServiceProcess.find(service, state);
            if (running.isPresent()) {
                processes.put(service, running.get());
                out.println(service.cliName() + " is already running (pid " + running.get().pid() + ", port "
                        + settings.ports(service).get(0) + ")");
            } else {
                toStart.add(ServiceDefinitions.of(service, settings, state));
            }
        }
        new PortCheck(settings.bindHost()).requireFree(toStart.stream()
                .flatMap(definition -> settings.ports(definition.service()).stream())
                .toList());
        prepareAll(toStart);

        List<ServiceProcess> launched = new ArrayList<>();
        try {
            // All JVMs start at once and find each other (the DataNode and the Spark worker retry
            // until their master answers), which is quicker than one after the other.
            for (ServiceDefinition definition : toStart) {
                ServiceProcess process = ServiceProcess.launch(definition, state);
                launched.add(process);
                processes.put(definition.service(), process);
                out.println("Starting " + definition.service().cliName() + " (pid " + process.pid() + ", log "
                        + state.logFile(definition.service()) + ")");
            }
            Instant deadline = Instant.now().plus(settings.startTimeout());
            for (Service service : ordered) {
                awaitReady(ServiceDefinitions.of(service, settings, state), processes.get(service), deadline);
            }
        } catch (RuntimeException failure) {
            stopQuietly(launched);
            throw failure;
        }
        out.printf("Ready in %.1f s: %s%n", Duration.between(began, Instant.now()).toMillis() / 1000.0,
                endpoints(ordered));
    }

    /** Stops the services that run (reverse start order): SIGTERM, a grace period, then SIGKILL. */
    public void stop(List<Service> services) {
        List<ServiceProcess> running = new ArrayList<>();
        List<Service> reversed = new ArrayList<>(inStartOrder(services));
        Collections.reverse(reversed);
        for (Service service : reversed) {
            Optional<ServiceProcess> process = ServiceProcess.find(service, state);
            process.ifPresent(running::add);
        }
        if (running.isEmpty()) {
            out.println("Nothing to stop: " + services.stream().map(Service::cliName).collect(Collectors.joining(", "))
                    + " not running");
            return;
        }
        running.forEach(ServiceProcess::requestStop);
        for (ServiceProcess process : running) {
            process.awaitStopped(state);
            out.println("Stopped " + process.service().cliName() + " (pid " + process.pid() + ")");
        }
    }

    /** Every service's status; the readiness probes run side by side. */
    public List<ServiceStatus> status() {
        return Parallel.map(Service.ALL, this::statusOf);
    }

    private ServiceStatus statusOf(Service service) {
        Optional<ServiceProcess> process = ServiceProcess.find(service, state);
        ServiceStatus.State serviceState = ServiceStatus.State.STOPPED;
        if (process.isPresent()) {
            serviceState = isReady(service) ? ServiceStatus.State.READY : ServiceStatus.State.STARTING;
        }
        return new ServiceStatus(service, serviceState,
                process.map(p -> OptionalLong.of(p.pid())).orElse(OptionalLong.empty()),
                settings.ports(service), state.logFile(service));
    }

    /**
     * Whether the service is ready, whoever started it (it may run in another container). Probes
     * are retried for a few seconds: on a loaded machine one probe's short timeout can pass
     * before a healthy broker's first answer.
     */
    public boolean isReady(Service service) {
        Instant deadline = Instant.now().plus(PROBE_WINDOW);
        try (Readiness readiness = ServiceDefinitions.of(service, settings, state).readiness()) {
            while (!readiness.isReady()) {
                if (Instant.now().isAfter(deadline)) {
                    return false;
                }
                sleep(POLL);
            }
            return true;
        }
    }

    /** Stops everything and deletes the data of every service; logs stay. */
    public void reset() {
        stop(Service.ALL);
        state.wipeData();
        out.println("Deleted the cluster's data in " + state.root().resolve("data"));
    }

    /**
     * Runs one service in the foreground until it ends (a container's main process). SIGTERM to
     * the launcher stops the service gracefully through the shutdown hook.
     */
    public int runForeground(Service service) {
        JavaRuntime.require(settings.java());
        state.ensureCreated();
        ServiceProcess.find(service, state).ifPresent(running -> {
            throw new ClusterException(service.cliName() + " is already running (pid " + running.pid() + ")");
        });
        new PortCheck(settings.bindHost()).requireFree(settings.ports(service));
        ServiceDefinition definition = ServiceDefinitions.of(service, settings, state);
        definition.prepare();
        return ServiceProcess.runInForeground(definition, state);
    }

    /**
     * Writes configuration and formats storage; the formatting JVMs (Kafka, NameNode) run at the
     * same time, which saves a few seconds of the first start.
     */
    private static void prepareAll(List<ServiceDefinition> definitions) {
        Parallel.map(definitions, definition -> {
            definition.prepare();
            return definition;
        });
    }

    private void awaitReady(ServiceDefinition definition, ServiceProcess process, Instant deadline) {
        Service service = definition.service();
        Instant began = Instant.now();
        try (Readiness readiness = definition.readiness()) {
            while (true) {
                if (!process.isAlive()) {
                    throw new ClusterException("The " + service.title() + " (pid " + process.pid()
                            + ") exited while starting."
                            + " Last lines of " + state.logFile(service) + ":" + System.lineSeparator()
                            + LogTail.lastLines(state.logFile(service), LOG_LINES));
                }
                if (readiness.isReady()) {
                    out.printf("%s is ready (%.1f s)%n", service.cliName(),
                            Duration.between(began, Instant.now()).toMillis() / 1000.0);
                    return;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new ClusterException("The " + service.title() + " (pid " + process.pid()
                            + ") is not ready after "
                            + settings.startTimeout().toSeconds() + " s: still waiting for " + readiness.condition()
                            + " (more time: " + ClusterSettings.START_TIMEOUT + "). Last lines of "
                            + state.logFile(service) + ":"
                            + System.lineSeparator() + LogTail.lastLines(state.logFile(service), LOG_LINES));
                }
                sleep(POLL);
            }
        }
    }

    private void stopQuietly(List<ServiceProcess> processes) {
        processes.forEach(ServiceProcess::requestStop);
        for (ServiceProcess process : processes) {
            try {
                process.awaitStopped(state);
            } catch (RuntimeException e) {
                out.println("While cleaning up: " + e.getMessage());
            }
        }
    }

    private String endpoints(List<Service> services) {
        List<String> parts = new ArrayList<>();
        if (services.contains(Service.KAFKA)) {
            parts.add("Kafka " + settings.kafkaBootstrap());
        }
        if (services.contains(Service.NAMENODE)) {
            parts.add("HDFS " + settings.hdfsUrl() + " (web UI " + settings.namenodeWebUrl() + ")");
        }
        if (services.contains(Service.SPARK_MASTER)) {
            parts.add("Spark " + settings.sparkMasterUrl() + " (web UI " + settings.sparkMasterWebUrl() + ")");
        }
        return parts.isEmpty() ? services.stream().map(Service::cliName).collect(Collectors.joining(", "))
                : String.join(", ", parts);
    }

    private static List<Service> inStartOrder(List<Service> services) {
        return services.stream().distinct().sorted(Comparator.naturalOrder()).toList();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("Interrupted while waiting for the cluster", e);
        }
    }
}
