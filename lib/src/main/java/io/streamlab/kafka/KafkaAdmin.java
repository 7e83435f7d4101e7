package io.streamlab.kafka;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * An admin client that gives up within seconds: Kafka's defaults wait a minute or more for a broker
 * that is not there, which looks like a hung notebook cell.
 */
public final class KafkaAdmin {

    /** How long to wait for the broker's first answer before calling it unreachable. */
    public static final Duration REACHABLE_TIMEOUT = Duration.ofSeconds(5);

    private KafkaAdmin() {
    }

    /** A short-timeout admin client for {@code bootstrapServers}; the caller closes it. */
    public static Admin open(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // Each request gives up after a few seconds instead of 30 s, so a missing broker is reported quickly.
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) REACHABLE_TIMEOUT.toMillis());
        // Whole calls (with their retries) give up after 15 s instead of a minute; topic deletion needs a few.
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        // Keep reconnect attempts frequent so a broker that just started is found without a long backoff.
        properties.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
        return Admin.create(properties);
    }

    /**
     * Fails with a {@link KafkaUnreachableException} unless a broker answers at {@code bootstrapServers}
     * within {@link #REACHABLE_TIMEOUT}.
     */
    public static void requireReachable(String bootstrapServers) {
        try (Admin admin = open(bootstrapServers)) {
            requireReachable(admin, bootstrapServers);
        }
    }

    static void requireReachable(Admin admin, String bootstrapServers) {
        KafkaUnreachableException unreachable;
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) REACHABLE_TIMEOUT.toMillis()))
                    .nodes().get(REACHABLE_TIMEOUT.toMillis() + 1_000, TimeUnit.MILLISECONDS);
            return;
        } catch (TimeoutException e) {
            unreachable = new KafkaUnreachableException(bootstrapServers,
                    new TimeoutException("no answer within " + REACHABLE_TIMEOUT.toSeconds() + " s"));
        } catch (ExecutionException e) {
            unreachable = new KafkaUnreachableException(bootstrapServers,
                    e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException
                            ? new TimeoutException("no answer within " + REACHABLE_TIMEOUT.toSeconds() + " s")
                            : e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unreachable = new KafkaUnreachableException(bootstrapServers, e);
        }
        // A plain close() waits for the client's pending calls to time out: that is the hang we avoid.
        admin.close(Duration.ZERO);
        throw unreachable;
    }

    /** Waits for an admin future, turning its failures into unchecked exceptions with context. */
    static <T> T await(org.apache.kafka.common.KafkaFuture<T> future, String what) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(what + " failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " was interrupted", e);
        }
    }

}
