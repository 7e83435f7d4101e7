package io.streamlab.summary;

import io.streamlab.kafka.KafkaAdmin;
import io.streamlab.weather.ReportCodec;
import io.streamlab.weather.ReportDecodingException;
import io.streamlab.weather.WeatherReport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Keeps {@code partition-N.json} up to date for some partitions of the {@code stations} topic, exactly
 * once across restarts:
 * <ol>
 *   <li>load each partition's snapshot (or start fresh) and seek to the offset it was saved with;</li>
 *   <li>poll; count each report unless its station's summary already reaches its date;</li>
 *   <li>after every batch, save each partition it touched with the consumer's position, atomically.</li>
 * </ol>
 * Stats and offset live in one file replaced atomically, so whatever moment a consumer dies at, its
 * successor resumes exactly where the last saved stats end.
 *
 * <pre>{@code
 * var settings = ConsumerSettings.current();            // 30 polls of 1 s unless the environment says otherwise
 * var t1 = new Thread(new SummaryConsumer(settings, List.of(0, 1)));
 * t1.start(); t1.join();
 * }</pre>
 *
 * One instance is one run in one thread (a Kafka consumer is not thread safe); create a new one per run.
 */
public final class SummaryConsumer implements Runnable {

    private final ConsumerSettings settings;
    private final List<Integer> partitions;
    private final SnapshotStore store;
    private final ConsumerStats stats;
    private final String name;

    public SummaryConsumer(ConsumerSettings settings, List<Integer> partitions) {
        this(settings, partitions, settings.snapshotStore());
    }

    /** A consumer saving through {@code store}: tests inject one whose writes can crash before the rename. */
    SummaryConsumer(ConsumerSettings settings, List<Integer> partitions, SnapshotStore store) {
        if (partitions.isEmpty()) {
            throw new IllegalArgumentException("a consumer needs at least one partition");
        }
        if (new LinkedHashSet<>(partitions).size() != partitions.size()) {
            throw new IllegalArgumentException("partitions listed twice: " + partitions);
        }
        for (int partition : partitions) {
            if (partition < 0) {
                throw new IllegalArgumentException("partition numbers start at 0, got " + partition);
            }
        }
        this.settings = settings;
        this.partitions = List.copyOf(partitions);
        this.store = store;
        this.stats = new ConsumerStats(partitions);
        this.name = "consumer " + partitions;
    }

    /** Runs {@code iterations} polls over {@code partitions} with {@link ConsumerSettings#current()}; returns what it did. */
    public static ConsumerStats consume(List<Integer> partitions, int iterations) {
        SummaryConsumer consumer = new SummaryConsumer(ConsumerSettings.current().withIterations(iterations), partitions);
        consumer.run();
        return consumer.stats();
    }

    /** The client settings, each with the reason it is set. */
    public static Properties clientSettings(ConsumerSettings settings, List<Integer> partitions) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        // No group: partitions are assigned by hand and progress lives in the partition files, not in Kafka.
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A saved offset the partition no longer has means the topic was recreated under old files:
        // fail loudly instead of silently mixing two runs' weather.
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        // Values stay bytes so one corrupt record is skipped by us, instead of failing the whole poll in a deserializer.
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        // Every batch ends with a durable save (fsync of the file and its directory, about 5 ms each) of
        // each partition it touched: when catching up on a backlog, batches of 20,000 instead of Kafka's
        // 500 make that 40x rarer (1M records: 0.92 s with 5,000, 0.70 s with 20,000; ./streamlab bench).
        // A live notebook's batches are small anyway.
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 20_000);
        // Catching up, a consumer fetches only the partitions whose fetched records it has used up; when
        // one of its two partitions is already at the end, that fetch waits fetch.max.wait.ms (500 ms by
        // default) for new records while the other partition's reader starves. 100 ms and fetches of up
        // to 8 MB per partition instead of 1 MB took 1M records from 4.2 s to 0.25 s (counting only).
        properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        properties.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 << 20);
        // position() and seek lookups give up after 10 s instead of a minute if the broker goes away mid-run.
        properties.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "summary-consumer-" + partitions.toString().replaceAll("[^0-9]+", "-"));
        return properties;
    }

    public ConsumerStats stats() {
        return stats;
    }

    @Override
    public void run() {
        try {
            consume();
        } catch (RuntimeException e) {
            stats.failed(e);
            System.err.println(name + " failed: " + e.getMessage());
        }
        System.out.println(stats);
    }

    private void consume() {
        int topicPartitions = KafkaAdmin.requireTopic(settings.bootstrapServers(), settings.topic());
        for (int partition : partitions) {
            if (partition >= topicPartitions) {
                throw new IllegalArgumentException("topic " + settings.topic() + " has partitions 0–"
                        + (topicPartitions - 1) + ", not " + partition);
            }
        }
        Map<TopicPartition, PartitionSnapshot> snapshots = loadSnapshots();
        if (snapshots.isEmpty()) {
            return;
        }
        try (Consumer<byte[], byte[]> consumer = new KafkaConsumer<>(clientSettings(settings, partitions))) {
            consumer.assign(snapshots.keySet());
            snapshots.forEach((partition, snapshot) -> consumer.seek(partition, snapshot.offset()));
            for (int i = 0; i < settings.iterations() && !snapshots.isEmpty(); i++) {
                ConsumerRecords<byte[], byte[]> batch;
                try {
                    batch = consumer.poll(settings.pollTimeout());
                } catch (OffsetOutOfRangeException e) {
                    stopOutOfRange(consumer, snapshots, e);
                    continue;
                }
                stats.polled();
                Set<TopicPartition> touched = new LinkedHashSet<>();
                for (TopicPartition partition : batch.partitions()) {
                    PartitionSnapshot snapshot = snapshots.get(partition);
                    if (snapshot == null) {
                        continue; // stopped meanwhile
                    }
                    touched.add(partition);
                    for (ConsumerRecord<byte[], byte[]> record : batch.records(partition)) {
                        apply(snapshot, record);
                    }
                }
                save(consumer, snapshots, touched);
            }
        }
    }

    private Map<TopicPartition, PartitionSnapshot> loadSnapshots() {
        Map<TopicPartition, PartitionSnapshot> snapshots = new LinkedHashMap<>();
        for (int partition : partitions) {
            try {
                snapshots.put(new TopicPartition(settings.topic(), partition), store.loadOrFresh(partition));
            } catch (UnreadableSnapshotException e) {
                stop(partition, e.getMessage());
            }
        }
        return snapshots;
    }

    private void apply(PartitionSnapshot snapshot, ConsumerRecord<byte[], byte[]> record) {
        WeatherReport report;
        try {
            report = ReportCodec.PROTOBUF.decode(record.value());
        } catch (ReportDecodingException e) {
            SkippedRecord skipped = new SkippedRecord(record.partition(), record.offset(), e.getMessage());
            stats.skipped(skipped);
            System.err.println(name + ": skipped record at " + skipped);
            return;
        }
        stats.counted(snapshot.apply(report));
    }

    /** Saves every touched partition with the consumer's position, i.e. the offset after its last record. */
    private void save(Consumer<byte[], byte[]> consumer, Map<TopicPartition, PartitionSnapshot> snapshots,
                      Set<TopicPartition> touched) {
        for (TopicPartition partition : touched) {
            PartitionSnapshot snapshot = snapshots.get(partition);
            snapshot.advanceTo(consumer.position(partition));
            try {
                store.save(snapshot);
                stats.saved(partition.partition(), snapshot.offset());
            } catch (IOException e) {
                // Counting on without saving would make the file and the stats disagree: stop this partition.
                consumer.pause(List.of(partition));
                snapshots.remove(partition);
                stop(partition.partition(), "cannot write " + store.fileFor(partition.partition()) + ": " + e);
            }
        }
    }

    private void stopOutOfRange(Consumer<byte[], byte[]> consumer, Map<TopicPartition, PartitionSnapshot> snapshots,
                                OffsetOutOfRangeException e) {
        List<TopicPartition> outOfRange = new ArrayList<>(e.offsetOutOfRangePartitions().keySet());
        consumer.pause(outOfRange);
        for (TopicPartition partition : outOfRange) {
            snapshots.remove(partition);
            stop(partition.partition(), store.fileFor(partition.partition()) + " says offset "
                    + e.offsetOutOfRangePartitions().get(partition) + ", which partition " + partition.partition()
                    + " of " + partition.topic() + " does not have — the topic was recreated after the file was"
                    + " written; delete the partition files to count the new topic from the start");
        }
    }

    private void stop(int partition, String reason) {
        stats.stopped(partition, reason);
        System.err.println(name + ": stopped counting partition " + partition + ": " + reason);
    }
}
