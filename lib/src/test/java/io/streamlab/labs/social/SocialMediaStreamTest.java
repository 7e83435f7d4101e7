package io.streamlab.labs.social;

import io.streamlab.kafka.KafkaAdmin;
import io.streamlab.labs.LabTestSpark;
import io.streamlab.labs.LabTopic;
import io.streamlab.labs.LineProducer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.GroupStateTimeout;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lab's two stateful queries against the real broker ({@code ./streamlab cluster start}): seeded
 * payloads on a private topic, read in several small batches, and the state at the end checked
 * against the payloads counted directly.
 */
@Tag("kafka")
class SocialMediaStreamTest {

    private static final int PAYLOADS = 120;
    /** Small batches, so the state must carry bins and tallies from one batch to the next. */
    private static final int PER_BATCH = 25;

    private final LabTopic topic = LabTopic.named("social-media-test-" + UUID.randomUUID().toString().substring(0, 8));
    private StreamingQuery query;

    @AfterEach
    void cleanUp() throws Exception {
        if (query != null) {
            query.stop();
        }
        try (Admin admin = KafkaAdmin.open(topic.bootstrapServers())) {
            admin.deleteTopics(List.of(topic.name())).all().get();
        }
    }

    @Test
    void binsAndBadInputsKeepTheirStateAcrossBatches() throws Exception {
        topic.recreate();
        try (LineProducer producer = new LineProducer(CrawlerPayloads.random(11), topic, Duration.ZERO.plusMillis(1))) {
            producer.start().awaitAcknowledged(PAYLOADS, Duration.ofSeconds(30));
            producer.stop();
        }
        SparkSession spark = LabTestSpark.session();
        Dataset<Extraction> extractions = SocialMediaStream.extract(spark.readStream().format("kafka")
                .option("kafka.bootstrap.servers", topic.bootstrapServers())
                .option("subscribe", topic.name())
                .option("startingOffsets", "earliest")
                .option("maxOffsetsPerTrigger", PER_BATCH)
                .load());

        // The producer may have sent a few more than PAYLOADS before it stopped: count what is on the topic.
        List<String> sent = extractions.sparkSession().read().format("kafka")
                .option("kafka.bootstrap.servers", topic.bootstrapServers()).option("subscribe", topic.name())
                .load().selectExpr("CAST(value AS STRING)").as(Encoders.STRING()).collectAsList();
        assertTrue(sent.size() >= PAYLOADS);

        Dataset<Row> bins = SocialMediaStream.binRecords(SocialMediaStream.posts(extractions)
                .groupByKey(Extraction.KEY, Encoders.STRING())
                .mapGroupsWithState(new BinUpdate(), Encoders.bean(BinState.class), Encoders.bean(BinState.class),
                        GroupStateTimeout.NoTimeout()));
        assertArrayEquals(SocialMediaStream.BIN_COLUMNS, bins.columns());
        List<Row> binRows = runToEnd(bins, "update", "social_bins_test");

        Map<String, Long> counts = new HashMap<>();
        Map<String, Set<String>> authors = new HashMap<>();
        Map<String, Long> reasons = new HashMap<>();
        for (String payload : sent) {
            Extraction extraction = CrawlerPayload.extract(payload);
            if (extraction.isPost()) {
                counts.merge(extraction.getKey(), 1L, Long::sum);
                authors.computeIfAbsent(extraction.getKey(), k -> new HashSet<>()).add(extraction.getUserId());
            } else {
                reasons.merge(extraction.getReason(), 1L, Long::sum);
            }
        }

        // The memory sink keeps every batch's rows: the last row of a key is its state at the end.
        Map<String, Row> last = new HashMap<>();
        Map<String, LocalDateTime> createdAt = new HashMap<>();
        int updatedAgain = 0;
        for (Row row : binRows) {
            String key = row.getString(0);
            Row before = last.put(key, row);
            LocalDateTime created = row.getAs("created_at");
            assertTrue(!row.<LocalDateTime>getAs("updated_at").isBefore(created), row.toString());
            if (before != null) {
                updatedAgain++;
                assertEquals(createdAt.get(key), created, "created_at changed for " + key);
                assertTrue(row.getLong(1) > before.getLong(1), "a later batch did not add to " + key);
            }
            createdAt.putIfAbsent(key, created);
        }
        assertTrue(updatedAgain > 0, "no bin got posts in two batches: the test does not exercise the state");
        assertEquals(counts.keySet(), last.keySet());
        for (Map.Entry<String, Row> entry : last.entrySet()) {
            Row row = entry.getValue();
            assertEquals(counts.get(entry.getKey()), row.getLong(1), entry.getKey());
            assertEquals(authors.get(entry.getKey()).size(), row.getLong(2), entry.getKey());
            assertEquals(authors.get(entry.getKey()), new HashSet<>(row.getList(3)), entry.getKey());
        }

        Dataset<Row> badInputs = SocialMediaStream.badInputRecords(SocialMediaStream.badInputs(extractions)
                .groupByKey(Extraction.REASON, Encoders.STRING())
                .flatMapGroupsWithState(new BadInputTally(), OutputMode.Append(), Encoders.LONG(),
                        Encoders.bean(BadInput.class), GroupStateTimeout.NoTimeout()));
        assertArrayEquals(SocialMediaStream.BAD_INPUT_COLUMNS, badInputs.columns());
        List<Row> badRows = runToEnd(badInputs, "append", "social_bad_inputs_test");
        assertEquals(reasons.values().stream().mapToLong(Long::longValue).sum(), badRows.size());
        Map<String, Long> highest = new HashMap<>();
        Map<String, Set<Long>> numbers = new HashMap<>();
        for (Row row : badRows) {
            highest.merge(row.getString(0), row.getLong(1), Math::max);
            numbers.computeIfAbsent(row.getString(0), k -> new HashSet<>()).add(row.getLong(1));
            assertEquals(row.getString(0), CrawlerPayload.extract(row.getString(2)).getReason());
        }
        assertEquals(reasons, highest);
        // Each reason's reports are numbered 1..n without gaps or repeats across batches.
        numbers.forEach((reason, seen) -> assertEquals(highest.get(reason), (long) seen.size(), reason));
    }

    /** Runs the query in several batches until the topic is read, and returns every row it wrote. */
    private List<Row> runToEnd(Dataset<Row> rows, String outputMode, String name) throws Exception {
        query = rows.writeStream().format("memory").queryName(name).outputMode(outputMode)
                .trigger(Trigger.AvailableNow()).start();
        assertTrue(query.awaitTermination(Duration.ofMinutes(2).toMillis()), name + " did not finish");
        assertTrue(Arrays.stream(query.recentProgress()).filter(p -> p.numInputRows() > 0).count() > 2,
                name + " read the topic in fewer than three batches");
        query = null;
        return LabTestSpark.session().table(name).collectAsList();
    }
}
