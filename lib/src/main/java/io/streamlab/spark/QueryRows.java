package io.streamlab.spark;

import io.streamlab.config.Environment;
import io.streamlab.wait.Deadline;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * Waits until a streaming query has processed a known number of input rows — e.g. every transaction
 * a socket server sends on one connection — so a cell stops its query only after the last batch was
 * printed, however slow the machine is.
 */
public final class QueryRows {

    private static final Duration POLL = Duration.ofMillis(200);

    private QueryRows() {
    }

    /** Input rows of the query's batches so far (each batch counted once, among Spark's recent progress reports). */
    public static long processed(StreamingQuery query) {
        Map<Long, Long> rowsByBatch = Arrays.stream(query.recentProgress())
                .collect(Collectors.toMap(StreamingQueryProgress::batchId, StreamingQueryProgress::numInputRows,
                        (first, second) -> first));
        return rowsByBatch.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Waits until {@code query} has processed at least {@code rows} input rows and returns that number.
     * Throws when the query fails or stops first (naming the reason), or at the deadline (naming how far
     * it got) — a cell never waits forever.
     */
    public static long awaitProcessed(StreamingQuery query, long rows, Duration timeout) {
        Deadline deadline = Deadline.in(timeout);
        long processed;
        while ((processed = processed(query)) < rows) {
            if (!query.isActive()) {
                String reason = query.exception().isDefined()
                        ? "failed: " + query.exception().get().getMessage() : "stopped";
                throw new IllegalStateException("query " + describe(query) + " " + reason + " after " + processed
                        + " of " + rows + " rows");
            }
            if (deadline.passed()) {
                throw new IllegalStateException("query " + describe(query) + " processed " + processed + " of " + rows
                        + " rows within " + Environment.show(timeout) + " — is its source still sending?");
            }
            deadline.pause(POLL, "query " + describe(query)); // progress reports arrive once per batch
        }
        return processed;
    }

    private static String describe(StreamingQuery query) {
        return query.name() != null ? query.name() : query.id().toString();
    }

}
