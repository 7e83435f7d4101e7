package io.streamlab.labs.fraud;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The seed's {@code producer.py} as a TCP server on 127.0.0.1: every client that connects (each Spark
 * socket query is one) gets the same seeded transactions, one JSON line at a time, then the
 * connection stays open, quiet, until the client or the server closes it.
 *
 * <pre>{@code
 * TransactionServer server = TransactionServer.start(FraudSettings.current());
 * server.port()      // where Spark's socket source connects
 * server.close();
 * }</pre>
 *
 * <p>With a record file, every line sent is also appended there as {@code <connection>\t<json>}, so a
 * test can compare what Spark printed with what the server really sent.
 */
public final class TransactionServer implements AutoCloseable {

    public static final String HOST = "127.0.0.1";

    private final FraudSettings settings;
    private final ServerSocket serverSocket;
    private final Writer record;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong sent = new AtomicLong();
    private final List<Socket> clients = new ArrayList<>();
    private final Thread acceptor;

    private TransactionServer(FraudSettings settings, ServerSocket serverSocket, Writer record) {
        this.settings = settings;
        this.serverSocket = serverSocket;
        this.record = record;
        this.acceptor = new Thread(this::acceptClients, "transaction-server");
        this.acceptor.setDaemon(true);
    }

    /** Binds to 127.0.0.1 on the settings' port (0: any free port) and starts accepting clients. */
    public static TransactionServer start(FraudSettings settings) {
        ServerSocket socket;
        try {
            socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), settings.port()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + HOST + ":" + settings.port() + " (" + e.getMessage()
                    + ") — is another server using it? Set " + FraudSettings.PORT + "=0 for any free port", e);
        }
        Writer record = null;
        try {
            if (settings.recordFile().isPresent()) {
                Path file = settings.recordFile().get();
                record = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            closeQuietly(socket);
            throw new UncheckedIOException("cannot open the record file " + settings.recordFile().get() + ": " + e.getMessage(), e);
        }
        TransactionServer server = new TransactionServer(settings, socket, record);
        server.acceptor.start();
        return server;
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    /** Clients that connected so far. */
    public int connections() {
        return connections.get();
    }

    /** Lines sent so far, over all connections. */
    public long sent() {
        return sent.get();
    }

    private void acceptClients() {
        while (closed.getCount() > 0) {
            try {
                Socket client = serverSocket.accept();
                int connection = connections.incrementAndGet();
                synchronized (clients) {
                    clients.add(client);
                }
                Thread sender = new Thread(() -> send(client, connection), "transaction-sender-" + connection);
                sender.setDaemon(true);
                sender.start();
            } catch (IOException e) {
                if (closed.getCount() > 0) {
                    System.err.println("transaction server: accepting a client failed: " + e.getMessage());
                }
            }
        }
    }

    private void send(Socket client, int connection) {
        Transactions transactions = Transactions.seeded(settings.seed());
        try {
            Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.UTF_8);
            for (int i = 0; i < settings.transactions(); i++) {
                if (i > 0 && closed.await(settings.pause().toNanos(), TimeUnit.NANOSECONDS)) {
                    return;
                }
                String line = transactions.next().toJson();
                out.write(line + "\n");
                out.flush();
                sent.incrementAndGet();
                record(connection, line);
            }
        } catch (SocketException e) {
            // The client went away (its query stopped): nothing more to send on this connection.
        } catch (IOException e) {
            System.err.println("transaction server: sending on connection " + connection + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void record(int connection, String line) throws IOException {
        if (record == null) {
            return;
        }
        synchronized (record) {
            record.write(connection + "\t" + line + "\n");
            record.flush();
        }
    }

    /** Stops accepting, closes every connection and the record file. Safe to call twice. */
    @Override
    public void close() {
        if (closed.getCount() == 0) {
            return;
        }
        closed.countDown();
        closeQuietly(serverSocket);
        synchronized (clients) {
            clients.forEach(TransactionServer::closeQuietly);
        }
        try {
            acceptor.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (record != null) {
            synchronized (record) {
                closeQuietly(record);
            }
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing on shutdown: the resource is gone either way
        }
    }

    @Override
    public String toString() {
        return "TransactionServer[" + (closed.getCount() == 0 ? "closed" : "listening on " + HOST + ":" + port())
                + ", " + connections() + " connections, " + sent() + " transactions sent"
                + Optional.ofNullable(settings.recordFile().orElse(null)).map(file -> ", recording to " + file).orElse("")
                + "]";
    }
}
