package io.streamlab.labs;

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
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A TCP server on 127.0.0.1 that sends text lines to every client that connects — what Spark's socket
 * source reads. Each connection gets its own sequence from {@code lines} (a seeded generator gives
 * every query the same data), {@code limit} lines of it (0: without end) with a pause between lines;
 * then the connection stays open and quiet until the client or the server closes it.
 *
 * <p>With a record file, every line sent is also appended there as {@code <connection>\t<epoch ms>\t<line>},
 * so a test can compare what Spark printed with what was really sent, and when.
 */
public final class LineServer implements AutoCloseable {

    public static final String HOST = "127.0.0.1";

    private final String name;
    private final Supplier<Iterator<String>> lines;
    private final long limit;
    private final Duration pause;
    private final ServerSocket serverSocket;
    private final Optional<Path> recordFile;
    private final Writer record;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong sent = new AtomicLong();
    private final List<Socket> clients = new ArrayList<>();
    private final Thread acceptor;

    private LineServer(String name, Supplier<Iterator<String>> lines, long limit, Duration pause,
                       ServerSocket serverSocket, Optional<Path> recordFile, Writer record) {
        this.name = name;
        this.lines = lines;
        this.limit = limit;
        this.pause = pause;
        this.serverSocket = serverSocket;
        this.recordFile = recordFile;
        this.record = record;
        this.acceptor = new Thread(this::acceptClients, name);
        this.acceptor.setDaemon(true);
    }

    /**
     * Binds to 127.0.0.1 on {@code port} (0: any free port) and starts accepting clients.
     *
     * @param portVariable the setting that chooses the port, named in the error when the port is taken
     */
    public static LineServer start(String name, Supplier<Iterator<String>> lines, long limit, Duration pause,
                                   int port, String portVariable, Optional<Path> recordFile) {
        ServerSocket socket;
        try {
            socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
        } catch (IOException e) {
            throw new UncheckedIOException(name + " cannot listen on " + HOST + ":" + port + " (" + e.getMessage()
                    + ") — is another server using it? Set " + portVariable + "=0 for any free port", e);
        }
        Writer record = null;
        if (recordFile.isPresent()) {
            try {
                record = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(recordFile.get(),
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND), StandardCharsets.UTF_8));
            } catch (IOException e) {
                closeQuietly(socket);
                throw new UncheckedIOException(name + " cannot open its record file " + recordFile.get() + ": "
                        + e.getMessage(), e);
            }
        }
        LineServer server = new LineServer(name, lines, limit, pause, socket, recordFile, record);
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
                Thread sender = new Thread(() -> send(client, connection), name + "-" + connection);
                sender.setDaemon(true);
                sender.start();
            } catch (IOException e) {
                if (closed.getCount() > 0) {
                    System.err.println(name + ": accepting a client failed: " + e.getMessage());
                }
            }
        }
    }

    private void send(Socket client, int connection) {
        Iterator<String> sequence = lines.get();
        try {
            Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.UTF_8);
            for (long i = 0; (limit == 0 || i < limit) && sequence.hasNext(); i++) {
                if (i > 0 && closed.await(pause.toNanos(), TimeUnit.NANOSECONDS)) {
                    return;
                }
                String line = sequence.next();
                out.write(line + "\n");
                out.flush();
                sent.incrementAndGet();
                record(connection, line);
            }
        } catch (SocketException e) {
            // The client went away (its query stopped): nothing more to send on this connection.
        } catch (IOException e) {
            if (closed.getCount() > 0) {
                System.err.println(name + ": sending on connection " + connection + " failed: " + e.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void record(int connection, String line) throws IOException {
        if (record == null) {
            return;
        }
        synchronized (record) {
            record.write(connection + "\t" + System.currentTimeMillis() + "\t" + line + "\n");
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
            clients.forEach(LineServer::closeQuietly);
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
        return name + "[" + (closed.getCount() == 0 ? "closed" : "listening on " + HOST + ":" + port())
                + ", " + connections() + " connections, " + sent() + " lines sent"
                + recordFile.map(file -> ", recording to " + file).orElse("") + "]";
    }
}
