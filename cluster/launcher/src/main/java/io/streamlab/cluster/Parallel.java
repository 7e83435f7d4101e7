package io.streamlab.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs blocking steps (a formatting JVM, a readiness probe) side by side, one thread each: on two
 * cores the common fork-join pool has a single thread and would run them one after the other.
 */
final class Parallel {

    private Parallel() {
    }

    /** Applies the step to every item at once; results in the items' order; the first failure is rethrown. */
    static <T, R> List<R> map(List<T> items, Function<T, R> step) {
        if (items.isEmpty()) {
            return List.of();
        }
        ExecutorService threads = Executors.newFixedThreadPool(items.size(), runnable -> {
            Thread thread = new Thread(runnable, "streamlab-parallel");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(threads.submit(() -> step.apply(item)));
            }
            List<R> results = new ArrayList<>();
            for (Future<R> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new ClusterException(e.getCause().toString(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("Interrupted", e);
        } finally {
            threads.shutdownNow();
        }
    }
}
