package io.streamlab.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The environment of a test's own cluster: its own state directory and free ports, beside any default cluster. */
final class TestCluster {

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
            // Hold every port until all are chosen, so no two variables get the same one.
            for (String variable : PORT_VARIABLES) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
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
}
