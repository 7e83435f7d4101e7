package io.streamlab.kernel.output;

import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.publish.PublishStream;
import io.github.spencerpark.jupyter.messages.publish.PublishStream.StreamType;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The permanent {@code System.out} / {@code System.err} of the kernel.
 *
 * <p>The base library swaps the standard streams per request, which loses everything printed
 * between cells (consumer threads, Spark's streaming threads). This router is installed once at
 * start-up instead: each write is attributed to a cell by {@link CellOwnership} and queued; a
 * flusher sends the queue every {@value #FLUSH_INTERVAL_MS} ms as stream messages, merging
 * consecutive writes of one cell and stream (each {@code println} would otherwise be one message).
 * Writes made before the kernel is connected wait in the queue.
 */
public final class OutputRouter {
    static final long FLUSH_INTERVAL_MS = 40;
    /** One stream message carries at most this much text; front ends struggle with huge ones. */
    static final int MAX_MESSAGE_CHARS = 64 * 1024;
    /** A cell printing faster than messages leave waits here instead of filling the heap. */
    static final long MAX_QUEUED_CHARS = 8L * 1024 * 1024;

    private final CellOwnership ownership;
    private final Object queueLock = new Object();
    /** Held while messages are sent, so streams and displays leave in the order they were made. */
    private final Object sendLock = new Object();
    private final ArrayDeque<Chunk> queue = new ArrayDeque<>();
    private long queuedChars;
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
                target.send(new Message<>(chunk.cell.request(), PublishStream.MESSAGE_TYPE,
                        new PublishStream(chunk.stream, chunk.text.toString())));
            }
        }
    }

    /** Sends queued output, then {@code message}, with nothing from another thread in between. */
    public void sendAfterOutput(Message<?> message) {
        IOPubSink target = sink;
        if (target == null) {
            return;
        }
        synchronized (sendLock) {
            flush();
            target.send(message);
        }
    }

    private void append(StreamType stream, String text) {
        CellContext cell = ownership.ownerOfCurrentThread();
        if (cell == null) {
            // Nothing has run yet, so there is no request to attach to: the kernel's own log
            // (the JVM's original stderr, which Jupyter shows in its console) is left.
            kernelLog.print(text);
            return;
        }
        synchronized (queueLock) {
            waitForRoom();
            Chunk tail = queue.peekLast();
            if (tail != null && tail.cell == cell && tail.stream == stream
                    && tail.text.length() + text.length() <= MAX_MESSAGE_CHARS) {
                tail.text.append(text);
            } else {
                queue.addLast(new Chunk(cell, stream, text));
            }
            queuedChars += text.length();
        }
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
                // A failed send must not stop the flusher; the next batch may well go through.
            }
        }
    }

    private static final class Chunk {
        final CellContext cell;
        final StreamType stream;
        final StringBuilder text;

        Chunk(CellContext cell, StreamType stream, String text) {
            this.cell = cell;
            this.stream = stream;
            this.text = new StringBuilder(text);
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
