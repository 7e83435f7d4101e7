package io.streamlab.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamWaitTest {

    @TempDir
    Path temp;

    private final List<StreamingQuery> queries = new ArrayList<>();

    @AfterEach
    void stopQueries() throws Exception {
        for (StreamingQuery query : queries) {
            query.stop();
        }
    }

    private StreamingQuery textQuery(Path input, String expression) throws Exception {
        SparkSession spark = TestSpark.session();
        StreamingQuery query = spark.readStream().format("text").load(input.toString())
                .selectExpr(expression)
                .writeStream().format("noop")
                .trigger(Trigger.ProcessingTime(100))
                .start();
        queries.add(query);
        return query;
    }

    @Test
    void returnsOnceABatchHasProcessedRows() throws Exception {
        Path input = Files.createDirectories(temp.resolve("input"));
        Files.writeString(input.resolve("a.txt"), "one\ntwo\n");
        StreamingQuery query = textQuery(input, "value");

        assertTrue(StreamWait.untilDataBatches(query, 1, Duration.ofMinutes(1)));
        assertEquals(1, StreamWait.dataBatches(query));
        assertTrue(query.isActive());
    }

    @Test
    void returnsFalseAtTheDeadlineWhenNoDataArrives() throws Exception {
        StreamingQuery query = textQuery(Files.createDirectories(temp.resolve("empty")), "value");
        long start = System.nanoTime();

        assertFalse(StreamWait.untilDataBatches(query, 1, Duration.ofMillis(1500)));

        assertTrue(System.nanoTime() - start >= Duration.ofMillis(1500).toNanos());
        assertTrue(query.isActive(), "the caller decides whether to stop");
    }

    @Test
    void aFailedQueryIsReportedAtOnce() throws Exception {
        Path input = Files.createDirectories(temp.resolve("bad"));
        Files.writeString(input.resolve("a.txt"), "x\n");
        StreamingQuery query = textQuery(input, "raise_error('the batch broke')");

        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> StreamWait.untilDataBatches(query, 1, Duration.ofMinutes(2)));

        assertTrue(error.getMessage().contains("the batch broke"), error.getMessage());
    }
}
