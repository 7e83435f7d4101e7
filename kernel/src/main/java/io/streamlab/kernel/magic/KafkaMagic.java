package io.streamlab.kernel.magic;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.streamlab.config.Endpoints;
import io.streamlab.kafka.KafkaAdmin;
import io.streamlab.kernel.display.HtmlTable;
import io.streamlab.weather.WeatherTopics;
import io.streamlab.weather.proto.Report;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@code %kafka topics}, {@code %kafka describe TOPIC} and {@code %kafka tail TOPIC [N]} against
 * {@code STREAMLAB_KAFKA}: what is in the broker, without leaving the notebook. Records of
 * {@code stations} decode as protobuf {@code Report}, {@code stations-json} as JSON text,
 * anything else as UTF-8 text or hex. A broker that is down is reported within seconds.
 */
public final class KafkaMagic {
    static final int DEFAULT_TAIL = 10;
    private static final Duration TAIL_DEADLINE = Duration.ofSeconds(5);
    private static final String USAGE = "Usage: %kafka topics | %kafka describe TOPIC | %kafka tail TOPIC [N]";

    private KafkaMagic() {
    }

    public static Object run(List<String> args, String raw, MagicContext context) throws Exception {
        if (args.isEmpty()) {
            throw new IllegalArgumentException(USAGE);
        }
        String servers = Endpoints.current().kafkaBootstrapServers();
        KafkaAdmin.requireReachable(servers);
        try (Admin admin = KafkaAdmin.open(servers)) {
            switch (args.get(0)) {
                case "topics":
                    return topics(admin);
                case "describe":
                    requireArgs(args, 2, 2);
                    return describe(admin, servers, args.get(1));
                case "tail":
                    requireArgs(args, 2, 3);
                    int n = args.size() == 3 ? count(args.get(2)) : DEFAULT_TAIL;
                    return tail(admin, servers, args.get(1), n);
                default:
                    throw new IllegalArgumentException("%kafka: no subcommand " + args.get(0) + ". " + USAGE);
            }
        }
    }

    private static DisplayData topics(Admin admin) throws Exception {
        Set<String> names = admin.listTopics().names().get();
        Map<String, TopicDescription> topics = new TreeMap<>(admin.describeTopics(names).allTopicNames().get());
        Map<TopicPartition, Long[]> offsets = offsets(admin, topics.values());
        HtmlTable table = new HtmlTable(List.of("topic", "partitions", "records"));
        topics.forEach((name, d) -> table.addRow(List.of(name, String.valueOf(d.partitions().size()),
                String.valueOf(offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(name))
                        .mapToLong(e -> e.getValue()[1] - e.getValue()[0]).sum()))));
        return shown(table);
    }

    private static DisplayData describe(Admin admin, String servers, String topic) throws Exception {
        TopicDescription d = requireTopic(admin, servers, topic);
        Map<TopicPartition, Long[]> offsets = offsets(admin, List.of(d));
        HtmlTable partitions = new HtmlTable(List.of("partition", "leader", "earliest", "latest"));
        d.partitions().forEach(p -> {
            Long[] o = offsets.get(new TopicPartition(topic, p.partition()));
            partitions.addRow(List.of(String.valueOf(p.partition()), p.leader() == null ? "none" : String.valueOf(p.leader().id()),
                    String.valueOf(o[0]), String.valueOf(o[1])));
        });
        HtmlTable groups = new HtmlTable(List.of("consumer group", "partition", "committed", "lag"));
        for (ConsumerGroupListing g : admin.listConsumerGroups().all().get()) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(g.groupId()).partitionsToOffsetAndMetadata().get();
            committed.entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .sorted(Comparator.comparingInt(e -> e.getKey().partition()))
                    .forEach(e -> groups.addRow(List.of(g.groupId(), String.valueOf(e.getKey().partition()),
                            String.valueOf(e.getValue().offset()),
                            String.valueOf(offsets.get(e.getKey())[1] - e.getValue().offset()))));
        }
        DisplayData data = new DisplayData();
        data.putHTML("<b>" + HtmlTable.escape(topic) + "</b>\n" + partitions.html() + groups.html());
        data.putText(topic + "\n" + partitions.text() + "\n" + groups.text());
        return data;
    }

    private static DisplayData tail(Admin admin, String servers, String topic, int n) throws Exception {
        TopicDescription d = requireTopic(admin, servers, topic);
        Map<TopicPartition, Long[]> offsets = offsets(admin, List.of(d));
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        // No group: partitions are assigned, nothing is committed, no other consumer is disturbed.
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        // Answer fast: a fetch returns what it has instead of waiting up to 500 ms for more.
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.assign(offsets.keySet());
            Map<TopicPartition, Long> end = new HashMap<>();
            offsets.forEach((tp, o) -> {
                // The last n of each partition: enough for the last n of the topic.
                consumer.seek(tp, Math.max(o[0], o[1] - n));
                end.put(tp, o[1]);
            });
            long deadline = System.nanoTime() + TAIL_DEADLINE.toNanos();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        records.add(r);
                    }
                }
            }
        }
        records.sort(Comparator.comparingLong((ConsumerRecord<byte[], byte[]> r) -> r.timestamp())
                .thenComparingInt(ConsumerRecord::partition).thenComparingLong(ConsumerRecord::offset));
        List<ConsumerRecord<byte[], byte[]>> last = records.subList(Math.max(0, records.size() - n), records.size());
        HtmlTable table = new HtmlTable(List.of("partition", "offset", "timestamp", "key", "value"));
        for (ConsumerRecord<byte[], byte[]> r : last) {
            table.addRow(List.of(String.valueOf(r.partition()), String.valueOf(r.offset()),
                    Instant.ofEpochMilli(r.timestamp()).toString(), text(r.key()), value(topic, r.value())));
        }
        if (last.isEmpty()) {
            table.footnote("the topic has no records");
        }
        return shown(table);
    }

    /** earliest and latest offset of every partition of the topics. */
    private static Map<TopicPartition, Long[]> offsets(Admin admin, Iterable<TopicDescription> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (TopicDescription d : topics) {
            d.partitions().forEach(p -> {
                earliest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.earliest());
                latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest());
            });
        }
        var first = admin.listOffsets(earliest).all().get();
        var last = admin.listOffsets(latest).all().get();
        Map<TopicPartition, Long[]> offsets = new HashMap<>();
        first.forEach((tp, info) -> offsets.put(tp, new Long[]{info.offset(), last.get(tp).offset()}));
        return offsets;
    }

    private static TopicDescription requireTopic(Admin admin, String servers, String topic) throws Exception {
        Set<String> names = admin.listTopics().names().get();
        if (!names.contains(topic)) {
            throw new IllegalArgumentException("%kafka: no topic " + topic + " at " + servers + "; its topics: "
                    + names.stream().sorted().collect(Collectors.joining(", ")));
        }
        return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
    }

    private static String value(String topic, byte[] bytes) {
        if (bytes != null && topic.equals(WeatherTopics.STATIONS)) {
            try {
                Report report = Report.parseFrom(bytes);
                return "date=" + report.getDate() + ", station=" + report.getStation() + ", degrees="
                        + report.getDegrees() + ", raining=" + report.getRaining();
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                return "(not a Report: " + e.getMessage() + ") " + text(bytes);
            }
        }
        return text(bytes); // stations-json is JSON text
    }

    /** UTF-8 text if the bytes are that, else hex. */
    static String text(byte[] bytes) {
        if (bytes == null) {
            return "null";
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            StringBuilder hex = new StringBuilder("0x");
            for (byte b : bytes) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        }
    }

    private static DisplayData shown(HtmlTable table) {
        DisplayData data = new DisplayData();
        data.putHTML(table.html());
        data.putText(table.text());
        return data;
    }

    private static int count(String arg) {
        try {
            int n = Integer.parseInt(arg);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("%kafka tail: N is a number of records (1 or more), not " + arg);
    }

    private static void requireArgs(List<String> args, int min, int max) {
        if (args.size() < min || args.size() > max) {
            throw new IllegalArgumentException(USAGE);
        }
    }
}
