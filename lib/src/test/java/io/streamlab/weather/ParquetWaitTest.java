package io.streamlab.weather;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamlab.spark.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetWaitTest {

    @TempDir
    Path temp;

    @Test
    void returnsTheFilesOnceThereAreSome() {
        SparkSession spark = TestSpark.session();
        String dir = temp.resolve("out").toUri().toString();   // file:///...
        spark.range(5).coalesce(1).write().parquet(dir);

        List<String> files = ParquetWait.untilFiles(spark, dir, Duration.ofSeconds(30));

        assertEquals(1, files.size(), files.toString());
        assertTrue(files.get(0).endsWith(".parquet"), files.toString());
    }

    @Test
    void givesUpAtTheDeadlineNamingThePathAndTheSetting() {
        SparkSession spark = TestSpark.session();
        String dir = temp.resolve("never-written").toString();
        long start = System.nanoTime();

        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> ParquetWait.untilFiles(spark, dir, Duration.ofMillis(1500)));

        long waitedMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(waitedMillis >= 1500, "waited only " + waitedMillis + " ms");
        assertTrue(error.getMessage().startsWith("no parquet file in " + dir + " after 1 s"), error.getMessage());
        assertTrue(error.getMessage().contains("STREAMLAB_PARQUET_WAIT"), error.getMessage());
    }

    @Test
    void markersAndChecksumsAreNotData() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("markers"));
        Files.createFile(dir.resolve("_SUCCESS"));
        Files.writeString(dir.resolve(".part-0.parquet.crc"), "x");

        assertTrue(ParquetWait.files(TestSpark.session(), dir.toString()).isEmpty());
    }

    @Test
    void stopsWaitingWhenTheWriterHasStopped() throws Exception {
        SparkSession spark = TestSpark.session();
        Path input = Files.createDirectories(temp.resolve("input"));
        String out = temp.resolve("out").toString();
        StreamingQuery writer = spark.readStream().format("text").load(input.toString())
                .writeStream().format("parquet")
                .option("checkpointLocation", temp.resolve("checkpoint").toString())
                .start(out);
        writer.stop();
        long start = System.nanoTime();

        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> ParquetWait.untilFiles(spark, out, Duration.ofMinutes(5), writer));

        assertTrue(System.nanoTime() - start < Duration.ofSeconds(20).toNanos(), "should not wait for the deadline");
        assertTrue(error.getMessage().contains("was stopped"), error.getMessage());
        assertFalse(writer.isActive());
    }
}
