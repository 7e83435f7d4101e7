package io.streamlab.cluster.services;

import io.streamlab.cluster.Service;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a service JVM's command line. Every JVM gets an explicit heap, the serial collector (the
 * least memory beside a small heap), the client compiler only (C2's compile threads fight for the
 * two cores while three JVMs start, and cost resident memory; a lab cluster never needs C2's peak
 * speed) and a tag naming the service, which is how a pid is checked to still be ours before it is
 * signalled.
 */
public final class JvmCommand {

    /** The system property that marks a JVM as one of the cluster's services. */
    public static final String SERVICE_TAG = "-Dstreamlab.service=";

    private final List<String> arguments = new ArrayList<>();

    private JvmCommand(Path java, String heap) {
        arguments.add(java.toString());
        arguments.add("-Xmx" + heap);
        arguments.add("-XX:+UseSerialGC");
        arguments.add("-XX:TieredStopAtLevel=1");
        arguments.add("-Djava.awt.headless=true");
    }

    /** A long-running service, tagged so that status and stop can recognise it. */
    public static JvmCommand service(Path java, Service service, String heap) {
        return new JvmCommand(java, heap).option(SERVICE_TAG + service.cliName());
    }

    /** A one-shot tool (storage formatting): small heap, no tag. */
    public static JvmCommand tool(Path java) {
        return new JvmCommand(java, "128m");
    }

    public JvmCommand option(String option) {
        arguments.add(option);
        return this;
    }

    public JvmCommand classpath(String... entries) {
        arguments.add("-cp");
        arguments.add(String.join(File.pathSeparator, entries));
        return this;
    }

    public List<String> main(String mainClass, String... mainArguments) {
        List<String> command = new ArrayList<>(arguments);
        command.add(mainClass);
        command.addAll(List.of(mainArguments));
        return List.copyOf(command);
    }
}
