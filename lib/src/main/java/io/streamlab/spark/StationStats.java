package io.streamlab.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

/**
 * Per-station statistics of the weather stream, the seed's "Stats" step: columns
 * {@code station, start, end, measurements, avg, max}.
 */
public final class StationStats {

    private StationStats() {
    }

    /**
     * Groups the weather rows by station. On a stream this is a stateful aggregation, so it must be
     * written in complete (or update) mode; sorting by station is allowed because it follows the
     * aggregation and the console shows a stable order.
     */
    public static Dataset<Row> of(Dataset<Row> weather) {
        return weather.groupBy("station")
                .agg(min("date").as("start"),
                        max("date").as("end"),
                        count(lit(1)).as("measurements"),
                        avg("degrees").as("avg"),
                        max("degrees").as("max"))
                .orderBy("station");
    }
}
