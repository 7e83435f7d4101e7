package io.streamlab.labs.lakehouse;

import io.streamlab.labs.LabTestSpark;
import io.streamlab.labs.QueryRows;
import io.streamlab.spark.StreamWait;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lab's two streams with real Spark on a local directory: bronze from the rate source, silver from bronze. */
class LakehouseStreamTest {

    static final long SEED = 42;
    static final Duration WAIT = Duration.ofMinutes(1);

    @TempDir
    Path temp;

    @Test
    void bronzeResumesFromItsCheckpointAndSilverHoldsEveryBronzeMessageOnce() throws Exception {
        SparkSession spark = LabTestSpark.session();
        LakeTables tables = LakehouseSettings.fromEnvironment(Map.of(), temp.toUri().toString()).tables();

        // Two runs of the producer with one checkpoint: the second carries on where the first stopped.
        for (int run = 0; run < 2; run++) {
            StreamingQuery bronzeQuery = spark.readStream().format("rate").option("rowsPerSecond", 50).load()
                    .writeStream()
                    .trigger(Trigger.ProcessingTime(500))
                    .option("checkpointLocation", tables.bronzeCheckpoint())
                    .foreachBatch((VoidFunction2<Dataset<Row>, Long>) (batch, batchId) ->
                            MessageEvents.enrich(batch, SEED).write().mode("append").parquet(tables.bronze()))
                    .start();
            try {
                assertTrue(StreamWait.untilDataBatches(bronzeQuery, 2, WAIT), "bronze wrote no batch");
            } finally {
                bronzeQuery.stop();
            }
        }
        Dataset<Row> bronze = spark.read().schema(MessageEvents.SCHEMA).parquet(tables.bronze()).cache();
        long messages = bronze.count();
        assertEquals(messages, bronze.select("value").distinct().count(), "a rate row written twice");
        assertEquals(messages - 1, bronze.agg(max("value")).first().getLong(0), "a rate row lost between the runs");
        // The events the stream wrote batch by batch are those the seed gives for the same values at once.
        Dataset<Row> sameValues = MessageEvents.enrich(bronze.select("timestamp", "value"), SEED);
        assertEquals(0, bronze.exceptAll(sameValues).count());
        assertTrue(bronze.where(MessageEvents.isCorrupted(col("event_type"))).count() > 0, "no corrupted event to split off");

        // Silver: bronze read as a file stream, each batch split into corrupted and valid events by date.
        StreamingQuery silverQuery = spark.readStream().schema(MessageEvents.SCHEMA).parquet(tables.bronze())
                .writeStream()
                .trigger(Trigger.ProcessingTime(500))
                .option("checkpointLocation", tables.silverCheckpoint())
                .foreachBatch((VoidFunction2<Dataset<Row>, Long>) (batch, batchId) -> {
                    Dataset<Row> dated = batch.withColumn("date", date_format(col("timestamp"), "yyyy-MM-dd"));
                    dated.where(MessageEvents.isCorrupted(col("event_type")))
                            .write().partitionBy("date").mode("append").parquet(tables.silverCorrupted());
                    dated.where(not(MessageEvents.isCorrupted(col("event_type"))))
                            .write().partitionBy("date").mode("append").parquet(tables.silverMessages());
                })
                .start();
        try {
            QueryRows.awaitProcessed(silverQuery, messages, WAIT);
        } finally {
            silverQuery.stop();
        }
        LayerCounts counts = LayerCounts.of(spark, tables);
        assertTrue(counts.reconciled(), counts.toString());
        assertTrue(counts.silverValid() > 0 && counts.silverCorrupted() > 0, counts.toString());
        try (var days = Files.list(Path.of(java.net.URI.create(tables.silverMessages())))) {
            assertTrue(days.anyMatch(day -> day.getFileName().toString().startsWith("date=")), "not partitioned by date");
        }
        bronze.unpersist();
    }

    @Test
    void aMismatchNamesTheCounts() {
        LayerCounts lost = new LayerCounts(10, 6, 3);
        IllegalStateException error = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                lost::requireReconciled);
        assertTrue(error.getMessage().contains("bronze has 10 messages but silver 9"), error.getMessage());
        assertTrue(new LayerCounts(10, 7, 3).requireReconciled().reconciled());
    }
}
