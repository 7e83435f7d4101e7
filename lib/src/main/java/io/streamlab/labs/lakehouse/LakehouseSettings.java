package io.streamlab.labs.lakehouse;

import io.streamlab.config.Endpoints;
import io.streamlab.config.Environment;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How the lakehouse lab runs: the seed and pace of the generated messages, how long and how often the
 * bronze and silver streams run, and where the lake's tables live. The defaults are the seed's (one
 * message a second, bronze for a minute with a 1-second trigger, silver for 20 seconds with a
 * 5-second trigger); tests shorten them through environment variables.
 *
 * @param root      the lake's root directory: bronze, silver and gold live below it
 * @param queryWait how long a stream may take beyond its planned duration (a slow first batch, a busy
 *                  machine) before the cell gives up with an error
 */
public record LakehouseSettings(long seed, long rowsPerSecond, Duration bronzeTrigger, Duration bronzeDuration,
                                Duration silverTrigger, Duration silverDuration, Duration queryWait, String root) {

    public static final String SEED = "STREAMLAB_LAKEHOUSE_SEED";
    public static final String ROWS_PER_SECOND = "STREAMLAB_LAKEHOUSE_ROWS_PER_SECOND";
    public static final String BRONZE_TRIGGER = "STREAMLAB_LAKEHOUSE_BRONZE_TRIGGER";
    public static final String BRONZE_DURATION = "STREAMLAB_LAKEHOUSE_BRONZE_DURATION";
    public static final String SILVER_TRIGGER = "STREAMLAB_LAKEHOUSE_SILVER_TRIGGER";
    public static final String SILVER_DURATION = "STREAMLAB_LAKEHOUSE_SILVER_DURATION";
    public static final String QUERY_WAIT = "STREAMLAB_LAKEHOUSE_QUERY_WAIT";
    public static final String ROOT = "STREAMLAB_LAKEHOUSE_ROOT";

    /** Below the HDFS root, next to the weather project's /streamlab/forecast.parquet. */
    static final String HDFS_LAKE = "/streamlab/lake";
    /** Without HDFS, next to the notebook. */
    static final String LOCAL_LAKE = "lake";
    private static final Duration HDFS_PROBE_TIMEOUT = Duration.ofSeconds(1);

    public LakehouseSettings {
        if (root == null || root.isBlank()) {
            throw new IllegalArgumentException(ROOT + " is empty — name a directory such as hdfs://localhost:9000"
                    + HDFS_LAKE + " or file:///tmp/lake");
        }
        root = root.endsWith("/") && root.length() > 1 ? root.substring(0, root.length() - 1) : root;
    }

    /**
     * The settings of this process. Without {@value #ROOT} the lake goes to HDFS when its NameNode
     * answers, and to {@code ./lake} otherwise — so the notebook also runs without the cluster.
     */
    public static LakehouseSettings current() {
        Endpoints endpoints = Endpoints.current();
        String hdfs = endpoints.hdfsUrl();
        String fallback = accepts(hdfs) ? URI.create(hdfs).resolve(HDFS_LAKE).toString()
                : Path.of(LOCAL_LAKE).toAbsolutePath().toUri().toString();
        return fromEnvironment(System.getenv(), fallback);
    }

    public static LakehouseSettings fromEnvironment(Map<String, String> environment, String defaultRoot) {
        return new LakehouseSettings(
                Environment.number(environment, SEED, 42, Long.MIN_VALUE),
                Environment.number(environment, ROWS_PER_SECOND, 1, 1),
                Environment.duration(environment, BRONZE_TRIGGER, "1s"),
                Environment.duration(environment, BRONZE_DURATION, "1m"),
                Environment.duration(environment, SILVER_TRIGGER, "5s"),
                Environment.duration(environment, SILVER_DURATION, "20s"),
                Environment.duration(environment, QUERY_WAIT, "3m"),
                Environment.text(environment, ROOT, defaultRoot));
    }

    /** The lake's tables and checkpoints below {@link #root()}. */
    public LakeTables tables() {
        return new LakeTables(root);
    }

    /** True when something listens at the host and port of {@code hdfsUrl} (the NameNode's RPC port). */
    static boolean accepts(String hdfsUrl) {
        URI uri = URI.create(hdfsUrl);
        if (uri.getHost() == null) {
            return false;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 8020 : uri.getPort()),
                    (int) HDFS_PROBE_TIMEOUT.toMillis());
            return true;
        } catch (IOException | IllegalArgumentException refused) {
            return false;
        }
    }

    @Override
    public String toString() {
        return String.join("\n",
                "messages: " + rowsPerSecond + " per second from the rate source, enriched with seed " + seed,
                "bronze:   a batch every " + Environment.show(bronzeTrigger) + " for "
                        + Environment.show(bronzeDuration),
                "silver:   a batch every " + Environment.show(silverTrigger) + " for at least "
                        + Environment.show(silverDuration) + " and until it has read all of bronze (up to "
                        + Environment.show(queryWait) + " more)",
                "lake:     " + root);
    }
}
