package io.streamlab.cluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Checks that ports are free before a service starts: a service that finds its port taken either
 * dies with a stack trace deep in its log or (Spark) quietly moves to the next port.
 */
public final class PortCheck {

    private final String bindHost;

    public PortCheck(String bindHost) {
        this.bindHost = bindHost;
    }

    /** Throws one error naming every port that is taken. */
    public void requireFree(Collection<Port> ports) {
        List<Port> taken = ports.stream().filter(port -> !isFree(port.number())).toList();
        if (taken.isEmpty()) {
            return;
        }
        String names = taken.stream()
                .map(port -> port.number() + " (" + port.purpose() + ")")
                .collect(Collectors.joining(" and "));
        String variables = taken.stream().map(Port::variable).distinct().collect(Collectors.joining(", "));
        throw new ClusterException((taken.size() == 1 ? "Port " + names + " is" : "Ports " + names + " are")
                + " already in use on " + bindHost
                + " — stop what listens there (see: ss -ltnp) or choose another port with " + variables);
    }

    public boolean isFree(int port) {
        // Binding (not connecting) is the test the service itself will face; SO_REUSEADDR keeps
        // ports of a just-stopped service (TIME_WAIT) usable, as they are for the service.
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(bindHost, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
