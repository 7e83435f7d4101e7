package io.streamlab.labs.lakehouse;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

/**
 * The business reports of Challenge 2, built from de-duplicated valid messages. Both are pivots: a
 * {@code groupBy} on the row keys, {@code pivot} turning one column's values into columns, a count in
 * each cell (0 where nothing happened), and a total per row.
 */
public final class Reports {

    private Reports() {
    }

    /** Report 1: {@code date, channel}, one column per event type, then {@code total}; by date and channel. */
    public static Dataset<Row> byDateAndChannel(Dataset<Row> messages) {
        return withTotal(pivotCounts(messages, "event_type", MessageEvents.EVENT_TYPES, "date", "channel"),
                MessageEvents.EVENT_TYPES, "total")
                .orderBy("date", "channel");
    }

    /**
     * Report 2: {@code user_id, interactions}, then one column per channel; the most active users
     * first (ties by user id).
     */
    public static Dataset<Row> usersByChannel(Dataset<Row> messages) {
        Dataset<Row> counts = withTotal(pivotCounts(messages, "channel", MessageEvents.CHANNELS, "user_id"),
                MessageEvents.CHANNELS, "interactions");
        List<Column> columns = new ArrayList<>(List.of(col("user_id"), col("interactions")));
        MessageEvents.CHANNELS.forEach(channel -> columns.add(col(channel)));
        return counts.select(columns.toArray(Column[]::new))
                .orderBy(col("interactions").desc(), col("user_id"));
    }

    /**
     * Counts per {@code rowKeys} and value of {@code pivotColumn}, one column per value. The values
     * are given, not discovered: Spark skips a job, and a value that never occurs still gets its column.
     */
    static Dataset<Row> pivotCounts(Dataset<Row> messages, String pivotColumn, List<String> values, String... rowKeys) {
        return messages
                .groupBy(rowKeys[0], java.util.Arrays.copyOfRange(rowKeys, 1, rowKeys.length))
                .pivot(pivotColumn, new ArrayList<Object>(values))
                .agg(count(lit(1)))
                .na().fill(0L, values.toArray(String[]::new));
    }

    private static Dataset<Row> withTotal(Dataset<Row> counts, List<String> columns, String total) {
        Column sum = lit(0L);
        for (String column : columns) {
            sum = sum.plus(col(column));
        }
        return counts.withColumn(total, sum);
    }
}
