package io.streamlab.labs.fraud;

import io.streamlab.labs.LineServer;

import java.util.Iterator;

/**
 * The seed's {@code producer.py} as a TCP server on 127.0.0.1: every client that connects (each Spark
 * socket query is one) gets the same seeded transactions, one JSON line each, then the connection
 * stays open, quiet, until the client or the server closes it.
 *
 * <pre>{@code
 * TransactionServer server = TransactionServer.start(FraudSettings.current());
 * server.port()      // where Spark's socket source connects
 * server.close();
 * }</pre>
 *
 * <p>With a record file, every line sent is also appended there as {@code <connection>\t<epoch ms>\t<json>}.
 */
public final class TransactionServer implements AutoCloseable {

    private final LineServer server;

    private TransactionServer(LineServer server) {
        this.server = server;
    }

    /** Binds to 127.0.0.1 on the settings' port (0: any free port) and starts accepting clients. */
    public static TransactionServer start(FraudSettings settings) {
        return new TransactionServer(LineServer.start("TransactionServer",
                () -> transactionLines(settings.seed()), settings.transactions(), settings.pause(),
                settings.port(), FraudSettings.PORT, settings.recordFile()));
    }

    private static Iterator<String> transactionLines(long seed) {
        Transactions transactions = Transactions.seeded(seed);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public String next() {
                return transactions.next().toJson();
            }
        };
    }

    public String host() {
        return server.host();
    }

    public int port() {
        return server.port();
    }

    public int connections() {
        return server.connections();
    }

    public long sent() {
        return server.sent();
    }

    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return server.toString();
    }
}
