package io.streamlab.labs.hashtags;

import io.streamlab.labs.LabEnvironment;
import io.streamlab.spark.StreamWait;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.window;

/**
 * The Spark steps of the hashtags lab: hashtags out of tweets, counted over a sliding window, and the
 * top ten of a window read back from the query's in-memory table.
 */
public final class TrendingHashtags {

    private TrendingHashtags() {
    }

    /** One row per hashtag in a tweet ({@code tag}, lower case), with the time the tweet arrived. */
    public static Dataset<Row> hashtags(Dataset<Row> tweets) {
        return tweets
                .select(explode(split(col("value"), "\\s+")).as("word"), col("timestamp"))
                .where(col("word").startsWith("#").and(col("word").notEqual("#")))
                .select(lower(col("word")).as("tag"), col("timestamp"));
    }

    /** Counts per hashtag and window of {@code length}, a new window every {@code slide}. */
    public static Dataset<Row> windowedCounts(Dataset<Row> hashtags, Duration length, Duration slide) {
        return hashtags
                .groupBy(window(col("timestamp"), length.toMillis() + " milliseconds", slide.toMillis() + " milliseconds"),
                        col("tag"))
                .count();
    }

    /**
     * Waits until the query has written its first batch with data. Asking its table earlier is the
     * seed's "Table or view not found" (or, in Spark 3, an empty top ten); this waits instead, with a
     * deadline, and fails with the query's own error if it failed.
     */
    public static void awaitFirstBatch(StreamingQuery query, Duration timeout) {
        if (!StreamWait.untilDataBatches(query, 1, timeout)) {
            throw new IllegalStateException("no tweets reached query " + query.name() + " within "
                    + LabEnvironment.show(timeout) + " — is the tweet server running (TweetServer.start)?");
        }
    }

    /**
     * The top ten of the latest <b>settled</b> window in the query's in-memory table: one that ended
     * before the last completed batch started, so no tweet of it can still arrive. Before the first
     * window settles, the top ten of the oldest window so far, marked as not settled.
     */
    public static TopTen topTen(SparkSession spark, StreamingQuery query) {
        StreamingQueryProgress progress = query.lastProgress();
        if (progress == null) {
            throw new IllegalStateException("query " + query.name() + " has not finished a batch yet — call"
                    + " TrendingHashtags.awaitFirstBatch(query, ...) first");
        }
        Instant settledUpTo = Instant.parse(progress.timestamp());
        Dataset<Row> counts = spark.table(query.name());
        List<Row> windows = counts.select(col("window.start"), col("window.end")).distinct().collectAsList();
        if (windows.isEmpty()) {
            return new TopTen(null, null, false, List.of());
        }
        Row chosen = windows.stream()
                .filter(w -> !instant(w, 1).isAfter(settledUpTo))
                .max(Comparator.comparing(w -> instant(w, 1)))
                .orElse(null);
        boolean settled = chosen != null;
        if (chosen == null) {
            chosen = windows.stream().min(Comparator.comparing(w -> instant(w, 0))).orElseThrow();
        }
        List<TopTen.HashtagCount> rows = new ArrayList<>();
        for (Row row : counts.where(col("window.start").equalTo(chosen.getTimestamp(0)))
                .orderBy(col("count").desc(), col("tag"))
                .limit(TopTen.SIZE)
                .collectAsList()) {
            rows.add(new TopTen.HashtagCount(row.getString(row.fieldIndex("tag")), row.getLong(row.fieldIndex("count"))));
        }
        return new TopTen(instant(chosen, 0), instant(chosen, 1), settled, rows);
    }

    private static Instant instant(Row row, int field) {
        Timestamp timestamp = row.getTimestamp(field);
        return timestamp.toInstant();
    }
}
