package io.streamlab.spark;

import io.streamlab.wait.Deadline;
import java.time.Duration;
import java.util.Arrays;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

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
     * Returns false at the deadline rather than throwing: the query keeps running and the cell decides (the
     * notebooks stop it and print what it has); throws at once if the query fails or stops, naming the reason.
     */
    public static boolean untilDataBatches(StreamingQuery query, int batches, Duration timeout) {
        Deadline deadline = Deadline.in(timeout);
        while (dataBatches(query) < batches) {
            if (!query.isActive()) {
                if (query.exception().isDefined()) {
                    throw new IllegalStateException("query " + describe(query) + " failed: "
                            + query.exception().get().getMessage(), query.exception().get());
                }
                throw new IllegalStateException("query " + describe(query) + " stopped after "
                        + dataBatches(query) + " of " + batches + " batches");
            }
            if (deadline.passed()) {
                return false;
            }
            deadline.pause(POLL, "query " + describe(query));
        }
        return true;
    }

    private static String describe(StreamingQuery query) {
        return query.name() != null ? query.name() : query.id().toString();
    }
}
