package io.streamlab.summary;

import io.streamlab.kafka.KafkaTestSupport;
import io.streamlab.weather.ReportCodec;
import io.streamlab.weather.WeatherReport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Writes chosen records to a topic: reports the way the producer does, and raw bytes (corrupt ones). */
final class WeatherRecords implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;

    WeatherRecords(String topic) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestSupport.bootstrap());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(properties);
        this.topic = topic;
    }

    /** Sends the reports keyed by station, as protobuf, and waits for every acknowledgement. */
    void send(List<WeatherReport> reports) throws Exception {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (WeatherReport report : reports) {
            acks.add(producer.send(new ProducerRecord<>(topic, key(report.station()), ReportCodec.PROTOBUF.encode(report))));
        }
        for (Future<RecordMetadata> ack : acks) {
            ack.get();
        }
    }

    /** Sends raw bytes with a station's key (so they land in that station's partition); returns where they landed. */
    RecordMetadata sendRaw(String keyStation, byte[] value) throws Exception {
        return producer.send(new ProducerRecord<>(topic, key(keyStation), value)).get();
    }

    private static byte[] key(String station) {
        return station.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close();
    }
}
