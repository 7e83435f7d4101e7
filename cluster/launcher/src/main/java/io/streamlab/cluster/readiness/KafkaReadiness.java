package io.streamlab.cluster.readiness;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** A broker is ready when it answers describeCluster with at least one node. */
public final class KafkaReadiness implements Readiness {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

    private final String bootstrap;
    private Admin admin;

    public KafkaReadiness(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    @Override
    public boolean isReady() {
        try {
            return !admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) PROBE_TIMEOUT.toMillis()))
                    .nodes()
                    .get(PROBE_TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS)
                    .isEmpty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // not ready, and whoever waits on us is told to stop
            return false;
        } catch (Exception e) {
            return false; // no answer yet: the broker is still starting (the caller's deadline decides)
        }
    }

    @Override
    public String condition() {
        return "the broker at " + bootstrap + " to answer describeCluster";
    }

    private Admin admin() {
        if (admin == null) {
            // Short timeouts: while the broker starts, a probe should fail fast and be retried.
            admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) PROBE_TIMEOUT.toMillis(),
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) PROBE_TIMEOUT.toMillis(),
                    AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, 1000,
                    AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, 2000,
                    AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500,
                    AdminClientConfig.CLIENT_ID_CONFIG, "streamlab-cluster-readiness"));
        }
        return admin;
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
            admin = null;
        }
    }
}
