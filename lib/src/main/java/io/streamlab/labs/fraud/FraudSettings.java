package io.streamlab.labs.fraud;

import io.streamlab.config.Environment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How the fraud lab runs: the transaction server's port and pace, and the queries' trigger. The
 * defaults follow the seed (a 2-second trigger); tests shorten them through environment variables.
 *
 * @param port            0 lets the system pick a free port (the notebook asks the server which)
 * @param transactions    how many transactions the server sends on each connection (each query gets its own)
 * @param recordFile      where the server records every line it sends, if set (for checking from outside)
 */
public record FraudSettings(long seed, int port, int transactions, Duration pause, Duration trigger,
                            Duration queryWait, Optional<Path> recordFile) {

    public static final String SEED = "STREAMLAB_FRAUD_SEED";
    public static final String PORT = "STREAMLAB_FRAUD_PORT";
    public static final String TRANSACTIONS = "STREAMLAB_FRAUD_TRANSACTIONS";
    public static final String PAUSE = "STREAMLAB_FRAUD_PAUSE";
    public static final String TRIGGER = "STREAMLAB_FRAUD_TRIGGER";
    public static final String QUERY_WAIT = "STREAMLAB_FRAUD_QUERY_WAIT";
    public static final String RECORD_FILE = "STREAMLAB_FRAUD_RECORD";

    public static FraudSettings current() {
        return fromEnvironment(System.getenv());
    }

    public static FraudSettings fromEnvironment(Map<String, String> environment) {
        return new FraudSettings(
                Environment.number(environment, SEED, 42, Long.MIN_VALUE),
                Environment.port(environment, PORT),
                (int) Environment.number(environment, TRANSACTIONS, 60, 1),
                Environment.duration(environment, PAUSE, "250ms"),
                Environment.duration(environment, TRIGGER, "2s"),
                Environment.duration(environment, QUERY_WAIT, "3m"),
                Environment.path(environment, RECORD_FILE));
    }

    @Override
    public String toString() {
        return String.join("\n",
                "server:   " + transactions + " transactions (seed " + seed + ") per connection, one every "
                        + Environment.show(pause) + ", on " + (port == 0 ? "a free port" : "port " + port)
                        + recordFile.map(file -> ", recorded to " + file).orElse(""),
                "queries:  a batch every " + Environment.show(trigger) + ", each until it has processed all "
                        + transactions + " (up to " + Environment.show(queryWait) + ")");
    }
}
