package io.streamlab.spark;

import org.apache.spark.ml.classification.DecisionTreeClassificationModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static io.streamlab.spark.TestSpark.report;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The notebook's streaming queries on a file stream instead of Kafka: proves the lib transformations
 * are valid streaming plans (stateful aggregation in complete mode, chained stream-stream joins in
 * append mode, a model applied to a stream), which batch tests cannot show.
 */
class StreamingPipelineTest {

    private static final int DAYS = 6;

    @TempDir
    Path temp;

    private final List<StreamingQuery> queries = new ArrayList<>();

    @AfterEach
    void stopQueries() throws Exception {
        for (StreamingQuery query : queries) {
            query.stop();
        }
    }

    /** Two stations, {@link #DAYS} days each, as JSON lines: what the topic's values would be. */
    private Dataset<Row> weatherStream() throws Exception {
        Path input = Files.createDirectories(temp.resolve("input"));
        List<String> lines = new ArrayList<>();
        LocalDate day = LocalDate.of(2000, 1, 1);
        for (int i = 0; i < DAYS; i++) {
            lines.add(report("A", day.plusDays(i).toString(), 30 + i, i % 2));
            lines.add(report("B", day.plusDays(i).toString(), 60 - i, 0));
        }
        Files.write(input.resolve("reports.json"), lines);
        SparkSession spark = TestSpark.session();
        // Same columns as the Kafka source's value and timestamp.
        Dataset<Row> rows = spark.readStream().format("text").load(input.toString())
                .withColumn("timestamp", current_timestamp());
        return WeatherStream.parse(rows);
    }

    private StreamingQuery started(StreamingQuery query) {
        queries.add(query);
        return query;
    }

    private static void finish(StreamingQuery query) throws Exception {
        assertTrue(query.awaitTermination(Duration.ofMinutes(2).toMillis()), "query did not finish: " + query.status());
        assertTrue(query.exception().isEmpty(), () -> query.exception().get().toString());
    }

    @Test
    void statsStreamInCompleteMode() throws Exception {
        Dataset<Row> stats = StationStats.of(weatherStream());
        StreamingQuery query = started(stats.writeStream().format("memory").queryName("stats_stream_test")
                .outputMode("complete").trigger(Trigger.AvailableNow()).start());

        finish(query);

        List<Row> rows = TestSpark.session().table("stats_stream_test").collectAsList();
        assertEquals(2, rows.size());
        assertEquals("A", rows.get(0).getString(0));
        assertEquals((long) DAYS, rows.get(0).getLong(3));
        assertEquals(35.0, rows.get(0).getDouble(5));
    }

    @Test
    void forecastRowsStreamToParquetAndTrainAModelThatPredictsOnTheFeatureStream() throws Exception {
        Dataset<Row> weather = weatherStream();
        String parquet = temp.resolve("forecast.parquet").toString();
        StreamingQuery toParquet = started(RainForecast.trainingRows(weather).repartition(1)
                .writeStream().format("parquet")
                .option("checkpointLocation", temp.resolve("checkpoints/forecast").toString())
                .trigger(Trigger.AvailableNow())
                .start(parquet));

        List<String> files = ParquetWait.untilFiles(TestSpark.session(), parquet, Duration.ofMinutes(2), toParquet);
        finish(toParquet);

        assertEquals(1, files.size(), "one partition, one batch: one file " + files);
        Dataset<Row> forecast = TestSpark.session().read().parquet(parquet);
        assertArrayEquals(new String[] {"station", "date", "raining", "month", "sub1degrees", "sub1raining",
                "sub2degrees", "sub2raining"}, forecast.columns());
        assertEquals(2L * (DAYS - 2), forecast.count());

        DecisionTreeClassificationModel model = RainClassifier.train(RainClassifier.assembler().transform(forecast));
        Dataset<Row> predictions = RainClassifier.predict(model, RainForecast.features(weather))
                .where(col("station").equalTo("A"))
                .select("station", "date", "prediction");
        StreamingQuery deploy = started(predictions.writeStream().format("memory").queryName("predictions_test")
                .outputMode("append").trigger(Trigger.AvailableNow()).start());
        finish(deploy);

        // Features exist for days 3..DAYS+1 (the day after the last report too).
        List<Row> predicted = TestSpark.session().table("predictions_test").collectAsList();
        assertEquals(DAYS - 1, predicted.size(), predicted.toString());
        assertTrue(predicted.stream().allMatch(row -> row.getString(0).equals("A")));
    }
}
