package io.streamlab.kernel.exec;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The one long-lived thread that runs every cell, compiles and completions included (JShell is not
 * thread safe). Being one thread matters: the thread's context class loader and Spark's thread
 * local properties persist from cell to cell, and threads a cell starts inherit from it.
 *
 * <p>The loop survives anything thrown into it, including the {@link ThreadDeath} of a forced stop,
 * so there is no thread to recreate.
 */
public final class ExecutionThread {
    private final BlockingQueue<FutureTask<?>> tasks = new LinkedBlockingQueue<>();
    private final Thread thread;

    public ExecutionThread() {
        thread = new Thread(this::loop, "streamlab-cell-execution");
        thread.setDaemon(true);
        thread.start();
    }

    public Thread thread() {
        return thread;
    }

    /** Runs {@code work} on the execution thread and waits for it. */
    public <T> T call(Callable<T> work) throws Exception {
        if (Thread.currentThread() == thread) {
            return work.call();
        }
        FutureTask<T> task = new FutureTask<>(work);
        tasks.add(task);
        try {
            return task.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw e;
        }
    }

    private void loop() {
        while (true) {
            try {
                runTasks();
            } catch (Throwable late) {
                // A forced stop that landed between tasks: nothing left to stop, keep serving.
            }
        }
    }

    private void runTasks() {
        while (true) {
            try {
                FutureTask<?> task = tasks.take();
                task.run();
            } catch (InterruptedException late) {
                // An interrupt that arrived after its cell had ended.
            } finally {
                Thread.interrupted();
            }
        }
    }
}
