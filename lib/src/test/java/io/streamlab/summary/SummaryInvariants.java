package io.streamlab.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamlab.kafka.KafkaTestSupport;
import io.streamlab.kafka.TopicOffsets;
import io.streamlab.weather.ReportCodec;
import io.streamlab.weather.ReportDecodingException;
import io.streamlab.weather.WeatherReport;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The exactly-once invariants, checked against what the topic really holds (read by a separate,
 * plain consumer): for every station in every snapshot, start is 2000-01-01, count is the number of
 * days from start to end, and sum is the sum of that station's degrees for those days in the topic.
 */
final class SummaryInvariants {

    private static final LocalDate FIRST_DAY = LocalDate.of(2000, 1, 1);

    /** Each station's reports in the topic, one per date (a retried duplicate has the same content). */
    final Map<String, TreeMap<LocalDate, WeatherReport>> reportsByStation = new HashMap<>();
    /** The partition each station's records are in. */
    final Map<String, Integer> partitionOfStation = new HashMap<>();
    final Map<Integer, Long> endOffsets = new TreeMap<>();
    int corruptRecords;

    private SummaryInvariants() {
    }

    static SummaryInvariants readTopic(String topic) {
        SummaryInvariants topicContent = new SummaryInvariants();
        Map<TopicPartition, Long> ends = TopicOffsets.endOffsets(topic);
        ends.forEach((partition, end) -> topicContent.endOffsets.put(partition.partition(), end));
        int total = (int) ends.values().stream().mapToLong(Long::longValue).sum();
        for (ConsumerRecord<byte[], byte[]> record : KafkaTestSupport.readAll(topic, total, Duration.ofSeconds(60))) {
            WeatherReport report;
            try {
                report = ReportCodec.PROTOBUF.decode(record.value());
            } catch (ReportDecodingException e) {
                topicContent.corruptRecords++;
                continue;
            }
            WeatherReport earlier = topicContent.reportsByStation
                    .computeIfAbsent(report.station(), s -> new TreeMap<>()).putIfAbsent(report.date(), report);
            assertTrue(earlier == null || earlier.equals(report), "two different reports for one day: " + report);
            topicContent.partitionOfStation.put(report.station(), record.partition());
        }
        return topicContent;
    }

    /** Checks every snapshot in {@code store}; returns them by partition. */
    Map<Integer, PartitionSnapshot> check(SnapshotStore store) throws Exception {
        Map<Integer, PartitionSnapshot> snapshots = new TreeMap<>();
        for (int partition : store.partitions()) {
            PartitionSnapshot snapshot = store.load(partition).orElseThrow();
            snapshots.put(partition, snapshot);
            assertTrue(snapshot.offset() <= endOffsets.get(partition),
                    "partition " + partition + " offset " + snapshot.offset() + " beyond the end " + endOffsets.get(partition));
            snapshot.stations().forEach((station, summary) -> {
                String where = "partition-" + partition + ".json station " + station + ": ";
                assertEquals(partition, partitionOfStation.get(station), where + "station in the wrong file");
                assertEquals(FIRST_DAY, summary.start(), where + "start");
                assertEquals(ChronoUnit.DAYS.between(summary.start(), summary.end()) + 1, summary.count(),
                        where + "count is not the number of days from start to end");
                List<WeatherReport> counted = new ArrayList<>(
                        reportsByStation.get(station).headMap(summary.end(), true).values());
                assertEquals(summary.count(), counted.size(), where + "days in the topic up to end");
                double sum = 0;
                for (WeatherReport report : counted) {
                    sum += report.degrees();
                }
                assertEquals(sum, summary.sum(), 1e-9 * Math.max(1, Math.abs(sum)), where + "sum");
            });
        }
        return snapshots;
    }

    /** Checks the snapshots and that they are complete: every station up to its last day, offsets at the end. */
    void checkComplete(SnapshotStore store, int partitions) throws Exception {
        Map<Integer, PartitionSnapshot> snapshots = check(store);
        assertEquals(partitions, snapshots.size(), "partition files " + snapshots.keySet());
        snapshots.forEach((partition, snapshot) ->
                assertEquals(endOffsets.get(partition), snapshot.offset(), "partition " + partition + " read to the end"));
        reportsByStation.forEach((station, reports) -> {
            StationSummary summary = snapshots.get(partitionOfStation.get(station)).station(station);
            assertEquals(reports.lastKey(), summary.end(), "station " + station + " counted to its last day");
        });
    }
}
