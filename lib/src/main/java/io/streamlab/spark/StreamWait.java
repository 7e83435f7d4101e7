package io.streamlab.spark;

import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

import java.time.Duration;
import java.util.Arrays;

/**
 * Waits for a running query's micro-batches. The first batch of a query reads the whole topic
 * and, on a busy machine or a standalone cluster (executors start, jars are fetched), can outlast
 * the seed's 30 seconds — then the notebook would stop the query before it printed anything.
 */
public final class StreamWait {

    private static final Duration POLL = Duration.ofMillis(200);

    private StreamWait() {
    }

    /** Micro-batches of {@code query} so far (among Spark's recent progress reports) that processed rows. */
    public static long dataBatches(StreamingQuery query) {
        return Arrays.stream(query.recentProgress())
                .filter(progress -> progress.numInputRows() > 0)
                .map(StreamingQueryProgress::batchId)
                .distinct()
                .count();
    }

    /**
     * Waits until {@code query} has finished {@code batches} micro-batches that processed rows.
     * Returns false at the deadline (the query keeps running; the caller decides); throws at once if
     * the query fails or stops, naming the reason.
     */
    public static boolean untilDataBatches(StreamingQuery query, int batches, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (dataBatches(query) < batches) {
            if (!query.isActive()) {
                if (query.exception().isDefined()) {
                    throw new IllegalStateException("query " + describe(query) + " failed: "
                            + query.exception().get().getMessage(), query.exception().get());
                }
                throw new IllegalStateException("query " + describe(query) + " stopped after "
                        + dataBatches(query) + " of " + batches + " batches");
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                Thread.sleep(Math.min(Duration.ofNanos(left).toMillis() + 1, POLL.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for query " + describe(query), e);
            }
        }
        return true;
    }

    private static String describe(StreamingQuery query) {
        return query.name() != null ? query.name() : query.id().toString();
    }
}
