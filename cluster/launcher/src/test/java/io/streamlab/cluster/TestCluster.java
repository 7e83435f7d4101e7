package io.streamlab.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** The environment of a test's own cluster: its own state directory and free ports, beside any default cluster. */
final class TestCluster {

    private static final int FIRST_PORT = 30_000;
    private static final int LAST_PORT = 32_700;
    private static final Random RANDOM = new Random();

    private static final List<String> PORT_VARIABLES = List.of(
            ClusterSettings.KAFKA_PORT, ClusterSettings.KAFKA_CONTROLLER_PORT,
            ClusterSettings.HDFS_PORT, ClusterSettings.HDFS_HTTP_PORT,
            ClusterSettings.DATANODE_PORT, ClusterSettings.DATANODE_HTTP_PORT, ClusterSettings.DATANODE_IPC_PORT,
            ClusterSettings.SPARK_MASTER_PORT, ClusterSettings.SPARK_MASTER_UI_PORT,
            ClusterSettings.SPARK_WORKER_PORT, ClusterSettings.SPARK_WORKER_UI_PORT);

    private TestCluster() {
    }

    static Map<String, String> environment(Path state) throws IOException {
        Map<String, String> environment = new HashMap<>();
        environment.put(ClusterSettings.STATE, state.toString());
        List<ServerSocket> held = new ArrayList<>();
        try {
            // Hold every port until all are chosen, so no two variables get the same one. Ports come
            // from below the kernel's ephemeral range (32768 and up): a port chosen there can be taken
            // as some client's local port between a test's stop and its restart.
            int candidate = FIRST_PORT + RANDOM.nextInt(LAST_PORT - FIRST_PORT - 100);
            for (String variable : PORT_VARIABLES) {
                ServerSocket socket = null;
                while (socket == null) {
                    if (++candidate > LAST_PORT) {
                        throw new IOException("no free loopback ports between " + FIRST_PORT + " and " + LAST_PORT);
                    }
                    socket = bindOrNull(candidate);
                }
                held.add(socket);
                environment.put(variable, Integer.toString(socket.getLocalPort()));
            }
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
        return environment;
    }

    private static ServerSocket bindOrNull(int port) {
        try {
            return new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
        } catch (IOException taken) {
            return null;
        }
    }
}
