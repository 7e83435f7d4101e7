package io.streamlab.kernel.output;

import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.MessageType;
import io.github.spencerpark.jupyter.messages.publish.PublishStream;
import io.github.spencerpark.jupyter.messages.publish.PublishStream.StreamType;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The permanent {@code System.out} / {@code System.err} of the kernel, and the one way out for
 * displays, so streams and displays leave in the order they were made.
 *
 * <p>The base library swaps the standard streams per request, which loses everything printed
 * between cells (consumer threads, Spark's streaming threads). This router is installed once at
 * start-up instead: each write is attributed to a cell by {@link CellOwnership} and queued; a
 * flusher sends the queue every {@value #FLUSH_INTERVAL_MS} ms as stream messages, merging
 * consecutive writes of one cell and stream (each {@code println} would otherwise be one message).
 * Writes made before the kernel is connected wait in the queue.
 *
 * <p>Where output of a cell that has <em>finished</em> goes depends on the client that ran the cell
 * ({@link CellContext#interactive()}, the request's {@code allow_stdin}):
 * <ul>
 *   <li>interactive (a browser): under the cell that started the thread or query, which the
 *       front end keeps listening to;</li>
 *   <li>batch (nbclient: nbconvert, papermill): under the cell running now, the only one the
 *       client still records; between two cells it waits for the next cell, so nothing printed while
 *       the run goes on is lost. This is ipykernel's default since ipykernel#1451.</li>
 * </ul>
 * See the kernel README for why.
 */
public final class OutputRouter {
    static final long FLUSH_INTERVAL_MS = 40;
    /** One stream message carries at most this much text; front ends struggle with huge ones. */
    static final int MAX_MESSAGE_CHARS = 64 * 1024;
    /** A cell printing faster than messages leave waits here instead of filling the heap. */
    static final long MAX_QUEUED_CHARS = 8L * 1024 * 1024;
    /** Batch-run output made between cells is kept up to this much for the next cell. */
    static final long MAX_WAITING_CHARS = 8L * 1024 * 1024;

    private final CellOwnership ownership;
    private final Object queueLock = new Object();
    /** Held while messages are sent, so streams and displays leave in the order they were made. */
    private final Object sendLock = new Object();
    /** Messages whose cell is known, in order. */
    private final ArrayDeque<Chunk> queue = new ArrayDeque<>();
    /** Batch-run output made while no cell ran: sent under the next cell. */
    private final ArrayDeque<Chunk> waiting = new ArrayDeque<>();
    private final Map<String, Long> lostByKind = new ConcurrentHashMap<>();
    private long queuedChars;
    private long waitingChars;
    private volatile IOPubSink sink;
    private final PrintStream out;
    private final PrintStream err;
    private final PrintStream kernelLog;

    public OutputRouter(CellOwnership ownership) {
        this.ownership = ownership;
        this.kernelLog = System.err;
        this.out = new PrintStream(new StreamOf(StreamType.OUT), true, StandardCharsets.UTF_8);
        this.err = new PrintStream(new StreamOf(StreamType.ERR), true, StandardCharsets.UTF_8);
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    /** Replaces the JVM's standard streams for good and starts the flusher. */
    public void install() {
        System.setOut(out);
        System.setErr(err);
        Thread flusher = new Thread(this::flushForever, "streamlab-output-flusher");
        flusher.setDaemon(true);
        flusher.start();
    }

    public void connect(IOPubSink sink) {
        this.sink = sink;
        flush();
    }

    /**
     * Called on the execution thread when a cell starts. Batch-run output that waited for a cell
     * goes under this one, before anything the cell prints.
     */
    public void enterCell(CellContext cell) {
        synchronized (queueLock) {
            ownership.enterCell(cell);
            for (Chunk chunk : waiting) {
                chunk.target = cell;
                enqueue(chunk);
            }
            waiting.clear();
            waitingChars = 0;
        }
    }

    /** Called when a cell ends; under the same lock as routing, so no write is routed to a cell that has just ended. */
    public void leaveCell(CellContext cell) {
        synchronized (queueLock) {
            ownership.leaveCell(cell);
        }
    }

    /** Sends everything queued so far; the caller then knows its output left before what it sends next. */
    public void flush() {
        IOPubSink target = sink;
        if (target == null) {
            return;
        }
        synchronized (sendLock) {
            List<Chunk> batch;
            synchronized (queueLock) {
                if (queue.isEmpty()) {
                    return;
                }
                batch = new ArrayList<>(queue);
                queue.clear();
                queuedChars = 0;
                queueLock.notifyAll();
            }
            for (Chunk chunk : batch) {
                try {
                    target.send(chunk.message());
                } catch (RuntimeException e) {
                    // One lost message; the rest of the batch, and later batches, still go.
                    reportLost(chunk.kind(), e);
                }
            }
        }
    }

    /**
     * Writes a lost message to the kernel's log (the JVM's own stderr, which Jupyter's server
     * shows) the first time each kind of failure happens, then counts it silently, so a broken
     * connection does not flood the log with one line per message.
     */
    private void reportLost(String what, RuntimeException e) {
        String kind = e.getClass().getName() + " sending " + what;
        if (lostByKind.merge(kind, 1L, Long::sum) == 1L) {
            kernelLog.println("streamlab kernel: output lost, " + kind + ": " + e.getMessage()
                    + " (logged once for this kind of failure; the kernel goes on sending)");
        }
    }

    /** How many messages each kind of send failure lost (exception class and message kind). */
    Map<String, Long> lostMessages() {
        return Map.copyOf(lostByKind);
    }

    /**
     * Queues a message (a display, a display update) that belongs to {@code owner}; it is routed like
     * printed output. An update of a display that is still queued replaces that queued update, so
     * a live panel never floods a slow client.
     */
    public <T> void publish(CellContext owner, MessageType<T> type, T content, String updatedDisplayId) {
        synchronized (queueLock) {
            CellContext target = destination(owner);
            if (updatedDisplayId != null && replaceQueuedUpdate(target == null ? waiting : queue, target, updatedDisplayId, content)) {
                return;
            }
            Chunk chunk = new Chunk(owner, target, type, content, updatedDisplayId);
            if (target == null) {
                waiting.addLast(chunk);
            } else {
                queue.addLast(chunk);
            }
        }
    }

    /** A recent cell by the msg_id of its request (a Spark job's cell property), or null. */
    public CellContext cell(String id) {
        return ownership.cell(id);
    }

    /** Who owns the calling thread's output now (see {@link CellOwnership}); null before any cell ran. */
    public CellContext ownerOfCurrentThread() {
        return ownership.ownerOfCurrentThread();
    }

    /** Called holding queueLock: the cell a message of {@code owner} is sent under, or null to wait for the next cell. */
    private CellContext destination(CellContext owner) {
        CellContext running = ownership.running();
        if (owner.interactive() || owner == running) {
            return owner;
        }
        if (running != null) {
            return running;
        }
        return waitingChars > MAX_WAITING_CHARS ? owner : null;
    }

    private static boolean replaceQueuedUpdate(ArrayDeque<Chunk> chunks, CellContext target, String displayId, Object content) {
        for (Chunk c : chunks) {
            if (displayId.equals(c.updatedDisplayId) && c.target == target) {
                c.content = content;
                return true;
            }
        }
        return false;
    }

    private void append(StreamType stream, String text) {
        CellContext owner = ownership.ownerOfCurrentThread();
        if (owner == null) {
            // Nothing has run yet, so there is no request to attach to: the kernel's own log
            // (the JVM's original stderr, which Jupyter shows in its console) is left.
            kernelLog.print(text);
            return;
        }
        synchronized (queueLock) {
            CellContext target = destination(owner);
            if (target == null) {
                if (!mergeInto(waiting.peekLast(), null, stream, text)) {
                    waiting.addLast(new Chunk(owner, null, stream, text));
                }
                waitingChars += text.length();
                return;
            }
            waitForRoom();
            if (!mergeInto(queue.peekLast(), target, stream, text)) {
                queue.addLast(new Chunk(owner, target, stream, text));
            }
            queuedChars += text.length();
        }
    }

    private void enqueue(Chunk chunk) {
        if (chunk.text != null && mergeInto(queue.peekLast(), chunk.target, chunk.stream, chunk.text.toString())) {
            queuedChars += chunk.text.length();
            return;
        }
        queue.addLast(chunk);
        queuedChars += chunk.text == null ? 0 : chunk.text.length();
    }

    private static boolean mergeInto(Chunk tail, CellContext target, StreamType stream, String text) {
        if (tail != null && tail.text != null && tail.target == target && tail.stream == stream
                && tail.text.length() + text.length() <= MAX_MESSAGE_CHARS) {
            tail.text.append(text);
            return true;
        }
        return false;
    }

    /** Called holding queueLock. Only once connected: before that nothing drains the queue. */
    private void waitForRoom() {
        while (sink != null && queuedChars > MAX_QUEUED_CHARS) {
            try {
                queueLock.wait(FLUSH_INTERVAL_MS);
            } catch (InterruptedException e) {
                // The cell is being interrupted: keep the flag for the cell's code, stop waiting.
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void flushForever() {
        while (true) {
            try {
                Thread.sleep(FLUSH_INTERVAL_MS);
                flush();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // A failed flush must not stop the flusher; the next batch may well go through.
                reportLost("a batch", e);
            }
        }
    }

    /** Printed text of one cell and stream, or one prebuilt message. */
    private static final class Chunk {
        final CellContext owner;
        /** The cell it is sent under; null while it waits for the next cell. */
        CellContext target;
        final StreamType stream;
        final StringBuilder text;
        final MessageType<?> type;
        Object content;
        final String updatedDisplayId;

        Chunk(CellContext owner, CellContext target, StreamType stream, String text) {
            this.owner = owner;
            this.target = target;
            this.stream = stream;
            this.text = new StringBuilder(text);
            this.type = null;
            this.updatedDisplayId = null;
        }

        Chunk(CellContext owner, CellContext target, MessageType<?> type, Object content, String updatedDisplayId) {
            this.owner = owner;
            this.target = target;
            this.stream = null;
            this.text = null;
            this.type = type;
            this.content = content;
            this.updatedDisplayId = updatedDisplayId;
        }

        /** "stream" or the message type, for the kernel log. */
        String kind() {
            return text != null ? "stream" : type.getName();
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        Message<?> message() {
            if (text != null) {
                return new Message<>(target.request(), PublishStream.MESSAGE_TYPE, new PublishStream(stream, text.toString()));
            }
            return new Message(target.request(), type, content);
        }
    }

    /**
     * Byte sink behind one PrintStream. PrintStream's encoder only ever hands over whole UTF-8
     * sequences, so each write decodes on its own.
     */
    private final class StreamOf extends OutputStream {
        private final StreamType stream;

        StreamOf(StreamType stream) {
            this.stream = stream;
        }

        @Override
        public void write(int b) {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (len > 0) {
                append(stream, new String(b, off, len, StandardCharsets.UTF_8));
            }
        }
    }
}
