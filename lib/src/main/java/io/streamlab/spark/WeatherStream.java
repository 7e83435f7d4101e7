package io.streamlab.spark;

import io.streamlab.config.Endpoints;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.not;

/**
 * The {@code stations-json} topic as a Spark stream of weather rows.
 *
 * <p>{@link #parse} is separate from {@link #kafkaRows} so the same parsing runs on a batch
 * DataFrame with {@code value} and {@code timestamp} columns in tests, and on the Kafka stream in
 * the notebook.
 */
public final class WeatherStream {

    public static final String TOPIC = "stations-json";

    /** The JSON record's fields with the types Spark should give them; {@code raining} is 1 or 0. */
    public static final String SCHEMA = "station STRING, date DATE, degrees DOUBLE, raining INT";

    /**
     * Late data older than this (by Kafka timestamp) may be dropped from stateful operators. The
     * seed asks for 10 minutes; the producer writes one day per second, so nothing is that late.
     */
    public static final String WATERMARK = "10 minutes";

    /**
     * Kafka's consumer waits up to fetch.max.wait.ms (500 ms by default) on a fetch whose partitions
     * have nothing new, and each micro-batch's reads end with one: 100 ms took a stats batch from
     * 1.3 s to 1.0 s and the slowest report's freshness from 7.1 s to 5.9 s (./streamlab bench).
     */
    private static final String FETCH_MAX_WAIT_MS = "100";

    private WeatherStream() {
    }

    /** The Kafka source from the earliest offset: columns key, value (bytes), topic, partition, offset, timestamp. */
    public static Dataset<Row> kafkaRows(SparkSession spark) {
        return kafkaRows(spark, Endpoints.current());
    }

    public static Dataset<Row> kafkaRows(SparkSession spark, Endpoints endpoints) {
        return kafkaRows(spark, endpoints, TOPIC);
    }

    /** Any topic with the same records, for tests and benchmarks that must not touch the notebook's topic. */
    public static Dataset<Row> kafkaRows(SparkSession spark, Endpoints endpoints, String topic) {
        return spark.readStream()
                .format("kafka")
                .option("kafka.bootstrap.servers", endpoints.kafkaBootstrapServers())
                .option("subscribe", topic)
                // Begin with the first day the producer wrote, not with whatever arrives next.
                .option("startingOffsets", "earliest")
                .option("kafka.fetch.max.wait.ms", FETCH_MAX_WAIT_MS)
                .load();
    }

    /** The weather stream: {@link #parse} applied to {@link #kafkaRows}. */
    public static Dataset<Row> read(SparkSession spark) {
        return parse(kafkaRows(spark));
    }

    /**
     * Kafka rows to weather rows {@code (station, date, degrees, raining, timestamp)} with a watermark
     * on {@code timestamp}.
     *
     * <p>A record is kept only when all four fields parse: JSON that is malformed, lacks a field or
     * has a field of the wrong type (for instance a date like {@code 2000-13-45}) is dropped, because
     * a stream that dies on one bad record stops every query built on it. {@link #rejected} shows the
     * dropped records so they are not lost silently. (Invalid dates become null only with
     * {@code spark.sql.legacy.timeParserPolicy=CORRECTED}, which {@link StreamlabSpark} sets; Spark's
     * default throws.)
     */
    public static Dataset<Row> parse(Dataset<Row> kafkaRows) {
        return decoded(kafkaRows)
                .where(complete())
                .select("report.station", "report.date", "report.degrees", "report.raining", "timestamp")
                .withWatermark("timestamp", WATERMARK);
    }

    /** The records {@link #parse} drops, as text with their Kafka timestamp: columns {@code value, timestamp}. */
    public static Dataset<Row> rejected(Dataset<Row> kafkaRows) {
        return decoded(kafkaRows)
                .where(not(complete()))
                .select("value", "timestamp");
    }

    private static Dataset<Row> decoded(Dataset<Row> kafkaRows) {
        // Kafka values are bytes; casting to string decodes them as UTF-8, which is what the producer wrote.
        Column text = col("value").cast("string");
        return kafkaRows.select(
                text.as("value"),
                from_json(text, SCHEMA, Map.of()).as("report"),
                col("timestamp"));
    }

    private static Column complete() {
        return col("report").isNotNull()
                .and(col("report.station").isNotNull())
                .and(col("report.date").isNotNull())
                .and(col("report.degrees").isNotNull())
                .and(col("report.raining").isNotNull());
    }

    /** The parsed schema, for documentation and tests. */
    public static StructType schema() {
        return StructType.fromDDL(SCHEMA);
    }
}
