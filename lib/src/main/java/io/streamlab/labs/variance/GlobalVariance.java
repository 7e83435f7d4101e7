package io.streamlab.labs.variance;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trim;

/**
 * The seed's {@code calculate_variance}, as Structured Streaming steps: the accumulated ("global")
 * variance of every integer seen so far, {@code var = Σx²/N − (Σx/N)²}.
 *
 * <p>The seed kept its running sums with {@code updateStateByKey}; here a streaming aggregation keeps
 * them in Spark's state store from batch to batch, and the output is one row:
 * {@code sum_x_square, sum_x, n, var}.
 */
public final class GlobalVariance {

    private GlobalVariance() {
    }

    /** One row per integer, column {@code x} (long), from Kafka rows whose value is a line of integers. */
    public static Dataset<Row> integers(Dataset<Row> kafkaRows) {
        return kafkaRows
                .select(explode(split(trim(col("value").cast("string")), "\\s+")).as("token"))
                .where(col("token").notEqual(""))
                // A token that is not an integer becomes null and is dropped instead of stopping the stream.
                .select(col("token").cast("long").as("x"))
                .where(col("x").isNotNull());
    }

    /** Tokens of the lines that are not integers: what {@link #integers} drops. */
    public static Dataset<Row> rejected(Dataset<Row> kafkaRows) {
        return kafkaRows
                .select(col("value").cast("string").as("line"),
                        explode(split(trim(col("value").cast("string")), "\\s+")).as("token"))
                .where(col("token").notEqual("").and(col("token").cast("long").isNull()));
    }

    /** The running sums and the variance: one row, updated by every batch. */
    public static Dataset<Row> of(Dataset<Row> integers) {
        return integers
                .agg(sum(col("x").multiply(col("x"))).as("sum_x_square"),
                        sum("x").as("sum_x"),
                        count("x").as("n"))
                .withColumn("var", variance(col("sum_x_square"), col("sum_x"), col("n")));
    }

    /** {@code Σx²/N − (Σx/N)²}, in doubles. */
    public static Column variance(Column sumXSquare, Column sumX, Column n) {
        Column mean = sumX.cast("double").divide(n);
        return sumXSquare.cast("double").divide(n).minus(mean.multiply(mean));
    }

    /** The same formula for numbers at hand, to check the stream's answer. */
    public static double variance(long[] numbers) {
        double sumSquares = 0;
        double sum = 0;
        for (long x : numbers) {
            sumSquares += (double) x * x;
            sum += x;
        }
        double mean = sum / numbers.length;
        return sumSquares / numbers.length - mean * mean;
    }
}
