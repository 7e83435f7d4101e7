package io.streamlab.kafka;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * The background thread a notebook's producer sends from. It is a daemon, so it never keeps the
 * kernel alive; it is stopped by a signal the sending loop checks between sends, so a stop never
 * cuts a send in half; and a stop that does not happen in time says so instead of hanging.
 */
public final class SenderThread {

    private final String name;
    private final Duration stopTimeout;
    private Thread thread;
    private CountDownLatch stopSignal;

    /** @param name the thread's name, and how a failed stop names the producer */
    public SenderThread(String name, Duration stopTimeout) {
        this.name = name;
        this.stopTimeout = stopTimeout;
    }

    /**
     * Runs {@code sendingLoop} on a new daemon thread; the loop gets the stop signal and must return
     * soon after it counts down. Does nothing if the thread already runs.
     */
    public synchronized void start(Consumer<CountDownLatch> sendingLoop) {
        if (isRunning()) {
            return;
        }
        CountDownLatch signal = new CountDownLatch(1);
        stopSignal = signal;
        thread = new Thread(() -> sendingLoop.accept(signal), name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Signals the loop to stop and waits for it. Safe to call twice.
     *
     * @param whatToCheck the likely cause of a stop that takes too long, for the error message
     */
    public synchronized void stop(String whatToCheck) {
        if (thread == null) {
            return;
        }
        stopSignal.countDown();
        try {
            thread.join(stopTimeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            throw new IllegalStateException("the " + name + " did not stop within " + stopTimeout.toSeconds()
                    + " s; " + whatToCheck);
        }
        thread = null;
    }

    public synchronized boolean isRunning() {
        return thread != null && thread.isAlive();
    }

    /** Waits until a loop that ends by itself has ended; true if it did in time (or never ran). */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        Thread current;
        synchronized (this) {
            current = thread;
        }
        if (current == null) {
            return true;
        }
        current.join(Math.max(1, timeout.toMillis()));
        return !current.isAlive();
    }
}
