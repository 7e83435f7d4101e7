package io.streamlab.cluster;

import io.streamlab.cluster.services.HdfsShell;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command line: start, stop, status, reset, run, check, hdfs dfs (which exits with the FS
 * shell's own code). Exit codes: 0 done, 1 failed (the
 * message says why and what to do), 2 bad command line, 3 status or check found a service not ready.
 */
public final class ClusterCommands {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int NOT_READY = 3;

    static final String USAGE_TEXT = """
            usage: ClusterCli <command> [service...]
              start [--spark] [service...]  start Kafka and HDFS (--spark: also Spark standalone), or the named ones
              stop [service...]             stop every running service, or the named ones
              status                        state, pid, ports and log file of each service
              reset                         stop everything and delete the cluster's data (logs stay)
              run <service>                 run one service in the foreground (a container's command)
              check <service>               exit 0 if the service is ready, 3 if not
              hdfs dfs <args>               Hadoop's FS shell against the cluster's HDFS (-ls /, -cat, -du, ...)
            services: %s""".formatted(Service.names());

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;

    public ClusterCommands(PrintStream out, PrintStream err, Map<String, String> environment) {
        this.out = out;
        this.err = err;
        this.environment = environment;
    }

    public static void main(String[] args) {
        int exit = new ClusterCommands(System.out, System.err, System.getenv()).run(args);
        System.out.flush();
        System.exit(exit);
    }

    public int run(String... args) {
        try {
            if (args.length == 0) {
                throw new UsageException("No command given");
            }
            String command = args[0];
            List<String> rest = List.of(args).subList(1, args.length);
            return switch (command) {
                case "start" -> start(rest);
                case "stop" -> {
                    cluster().stop(rest.isEmpty() ? Service.ALL : services(rest));
                    yield OK;
                }
                case "status" -> {
                    noArguments(command, rest);
                    yield status();
                }
                case "reset" -> {
                    noArguments(command, rest);
                    cluster().reset();
                    yield OK;
                }
                case "run" -> cluster().runForeground(oneService(command, rest));
                case "check" -> {
                    Service service = oneService(command, rest);
                    boolean ready = cluster().isReady(service);
                    out.println(service.cliName() + (ready ? " is ready" : " is not ready"));
                    yield ready ? OK : NOT_READY;
                }
                case "hdfs" -> hdfs(rest);
                case "help", "--help", "-h" -> {
                    out.println(USAGE_TEXT);
                    yield OK;
                }
                default -> throw new UsageException("Unknown command '" + command + "'");
            };
        } catch (UsageException e) {
            err.println(e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        } catch (ClusterException e) {
            err.println(e.getMessage());
            return FAILED;
        }
    }

    private int start(List<String> arguments) {
        boolean spark = false;
        List<String> names = new ArrayList<>();
        for (String argument : arguments) {
            if (argument.equals("--spark")) {
                spark = true;
            } else if (argument.startsWith("-")) {
                throw new UsageException("Unknown option '" + argument + "' for start");
            } else {
                names.add(argument);
            }
        }
        List<Service> services = new ArrayList<>(names.isEmpty() ? Service.CORE : services(names));
        if (spark) {
            services.addAll(Service.SPARK);
        }
        cluster().start(services);
        return OK;
    }

    private int hdfs(List<String> arguments) {
        if (arguments.isEmpty() || !arguments.get(0).equals("dfs")) {
            throw new UsageException("hdfs takes the subcommand dfs and Hadoop's FS shell arguments,"
                    + " e.g. hdfs dfs -ls /");
        }
        return new HdfsShell(ClusterSettings.fromEnvironment(environment)).run(arguments.subList(1, arguments.size()));
    }

    private int status() {
        Cluster cluster = cluster();
        List<ServiceStatus> statuses = cluster.status();
        out.printf("%-13s %-19s %-8s %-17s %s%n", "SERVICE", "STATE", "PID", "PORTS", "LOG");
        for (ServiceStatus status : statuses) {
            out.printf("%-13s %-19s %-8s %-17s %s%n",
                    status.service().cliName(),
                    status.state(),
                    status.pid().isPresent() ? Long.toString(status.pid().getAsLong()) : "-",
                    String.join(",", status.ports().stream().map(Port::toString).toList()),
                    status.log());
        }
        out.println("state directory: " + cluster.state().root());
        // Scripts ask "is the cluster up?": it is when Kafka and HDFS are ready and nothing that
        // runs is stuck starting.
        boolean coreReady = statuses.stream()
                .filter(status -> Service.CORE.contains(status.service()))
                .allMatch(status -> status.state() == ServiceStatus.State.READY);
        boolean noneStuck = statuses.stream().noneMatch(status -> status.state() == ServiceStatus.State.STARTING);
        return coreReady && noneStuck ? OK : NOT_READY;
    }

    private Cluster cluster() {
        return new Cluster(ClusterSettings.fromEnvironment(environment), out);
    }

    private static List<Service> services(List<String> names) {
        return names.stream().map(Service::byName).toList();
    }

    private static Service oneService(String command, List<String> arguments) {
        if (arguments.size() != 1) {
            throw new UsageException(command + " takes exactly one service");
        }
        return Service.byName(arguments.get(0));
    }

    private static void noArguments(String command, List<String> arguments) {
        if (!arguments.isEmpty()) {
            throw new UsageException(command + " takes no arguments");
        }
    }
}
