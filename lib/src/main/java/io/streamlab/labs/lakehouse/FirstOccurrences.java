package io.streamlab.labs.lakehouse;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

import java.util.Arrays;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

/**
 * Removes duplicates the way Challenge 2 asks: rows with the same key are copies of one event, and
 * only the first — the earliest by timestamp — counts. A window per key numbers the rows in time
 * order and keeps row number 1.
 */
public final class FirstOccurrences {

    private static final String RANK = "occurrence";

    private FirstOccurrences() {
    }

    /** One row per distinct {@code keys}: the one with the earliest {@code orderBy}. */
    public static Dataset<Row> of(Dataset<Row> rows, String orderBy, String... keys) {
        if (keys.length == 0) {
            throw new IllegalArgumentException("name the columns that identify a duplicate, like message_id");
        }
        WindowSpec byKeyInTimeOrder = Window
                .partitionBy(Arrays.stream(keys).map(org.apache.spark.sql.functions::col).toArray(Column[]::new))
                .orderBy(col(orderBy));
        return rows
                .withColumn(RANK, row_number().over(byKeyInTimeOrder))
                .where(col(RANK).equalTo(1))
                .drop(RANK);
    }
}
