package io.streamlab.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.month;

/**
 * The rain-forecast dataset: for each station and day, whether it rained ({@code today}) next to
 * the weather of the two days before ({@code features}). Works on batch and streaming weather rows.
 */
public final class RainForecast {

    /** What the model may look at: nothing from the day it predicts except the month. */
    public static final String[] FEATURE_COLUMNS =
            {"month", "sub1degrees", "sub1raining", "sub2degrees", "sub2raining"};

    public static final String LABEL_COLUMN = "raining";

    private static final String[] JOIN_KEYS = {"station", "date"};

    private RainForecast() {
    }

    /** {@code (station string, date date, raining int)}: what the model should predict. */
    public static Dataset<Row> today(Dataset<Row> weather) {
        return weather.select(col("station"), col("date"), col("raining").cast("int").as("raining"));
    }

    /**
     * {@code (station, date, month int, sub1degrees float, sub1raining int, sub2degrees float,
     * sub2raining int)}. A day's row exists only when both previous days were reported.
     *
     * <p>Moving each report's date forward by one (or two) days turns "the weather on day d" into
     * "yesterday's weather as seen from day d+1"; joining on station and the moved date lines up
     * yesterday and the day before.
     */
    public static Dataset<Row> features(Dataset<Row> weather) {
        Dataset<Row> yesterday = daysBefore(weather, 1);
        Dataset<Row> twoDaysAgo = daysBefore(weather, 2);
        return yesterday.join(twoDaysAgo, JOIN_KEYS)
                .select(col("station"), col("date"), month(col("date")).as("month"),
                        col("sub1degrees"), col("sub1raining"), col("sub2degrees"), col("sub2raining"));
    }

    /**
     * {@code today} joined with {@code features} on station and date: {@code (station, date, raining,
     * month, sub1degrees, sub1raining, sub2degrees, sub2raining)} — the rows the model trains on.
     */
    public static Dataset<Row> trainingRows(Dataset<Row> today, Dataset<Row> features) {
        return today.join(features, JOIN_KEYS)
                .select(col("station"), col("date"), col("raining"), col("month"),
                        col("sub1degrees"), col("sub1raining"), col("sub2degrees"), col("sub2raining"));
    }

    /** The forecast dataset straight from weather rows. */
    public static Dataset<Row> trainingRows(Dataset<Row> weather) {
        return trainingRows(today(weather), features(weather));
    }

    private static Dataset<Row> daysBefore(Dataset<Row> weather, int days) {
        String prefix = "sub" + days;
        return weather.select(
                col("station"),
                date_add(col("date"), days).as("date"),
                col("degrees").cast("float").as(prefix + "degrees"),
                col("raining").cast("int").as(prefix + "raining"));
    }
}
