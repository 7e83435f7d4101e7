package io.streamlab.kafka;

import io.streamlab.weather.ReportCodec;
import io.streamlab.weather.Weather;
import io.streamlab.weather.WeatherReport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends the weather to both topics from a background thread: every report as a protobuf record to
 * {@code stations} and as a JSON record to {@code stations-json}, keyed by the station's name.
 *
 * <pre>{@code
 * var producer = new WeatherProducer(Weather.stations(15)).start();
 * producer            // WeatherProducer[running, sent 120, acknowledged 120, failed 0]
 * producer.stop();    // flushes and closes; start() again continues the same weather
 * }</pre>
 *
 * <p>Failed sends are counted, the first few printed with their exception, and the last one kept
 * ({@link #lastError()}): a failure never goes unnoticed and never stops the weather.
 */
public final class WeatherProducer implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final Weather weather;
    private final WeatherTopics topics;
    private final SendTally tally = new SendTally("weather producer");

    /** One run of the weather for the producer's whole life, so stop() and start() continue it. */
    private Iterator<List<WeatherReport>> rounds;
    private final SenderThread sender = new SenderThread("weather producer", STOP_TIMEOUT);

    /** A producer of {@code weather} to the standard topics of the cluster {@code Endpoints.current()} names. */
    public WeatherProducer(Weather weather) {
        this(weather, WeatherTopics.current());
    }

    public WeatherProducer(Weather weather, WeatherTopics topics) {
        this.weather = weather;
        this.topics = topics;
    }

    /** The client settings, each with the reason it is set. */
    public static Properties settings(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // A send counts as done only when every in-sync replica has the record: an ack never covers data a failing leader loses.
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        // Retry a failed send up to 10 times, so a transient broker error does not lose a report.
        properties.put(ProducerConfig.RETRIES_CONFIG, 10);
        // The broker discards a retried batch it already has (the ack was lost), so retries add no duplicates and keep order.
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // One request at a time per broker: a batch is never sent before the previous one is acknowledged, so a
        // retried batch cannot land behind its successor (idempotence alone allows 5 in flight).
        properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        // Keys (station names) and values (encoded reports) are bytes already: the codecs serialise.
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        // If the broker vanishes, send() gives up waiting for metadata after 10 s instead of blocking a minute.
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        return properties;
    }

    /**
     * Starts sending in a background thread (a daemon: it never keeps the JVM alive). Fails at once
     * with a {@link KafkaUnreachableException} if the broker does not answer. Does nothing if running.
     */
    public synchronized WeatherProducer start() {
        if (isRunning()) {
            return this;
        }
        KafkaAdmin.requireReachable(topics.bootstrapServers());
        if (rounds == null) {
            rounds = weather.rounds();
        }
        Producer<byte[], byte[]> producer = new KafkaProducer<>(settings(topics.bootstrapServers()));
        sender.start(stopSignal -> produce(producer, stopSignal));
        return this;
    }

    /** Stops after the current round, flushes, closes the client and waits for that. Safe to call twice. */
    public void stop() {
        sender.stop("is the broker at " + topics.bootstrapServers() + " still up?");
    }

    @Override
    public void close() {
        stop();
    }

    public boolean isRunning() {
        return sender.isRunning();
    }

    /** Waits until a limited weather run has been sent and flushed; true if it finished in time. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return sender.awaitFinished(timeout);
    }

    /** Records handed to the client (two per report: one per topic). */
    public long sent() {
        return tally.sent();
    }

    /** Records the broker acknowledged (acks=all). */
    public long acknowledged() {
        return tally.acknowledged();
    }

    /** Records that could not be sent, even after retries. */
    public long failed() {
        return tally.failed();
    }

    /** The most recent send failure, or null. */
    public Throwable lastError() {
        return tally.lastError();
    }

    public WeatherTopics topics() {
        return topics;
    }

    private void produce(Producer<byte[], byte[]> producer, CountDownLatch stopSignal) {
        try {
            boolean first = true;
            while (stopSignal.getCount() > 0 && rounds.hasNext()) {
                if (!first && !pause(stopSignal)) {
                    break;
                }
                first = false;
                // A whole round is sent before a stop takes effect, so every station reaches the same day.
                for (WeatherReport report : rounds.next()) {
                    byte[] key = report.station().getBytes(StandardCharsets.UTF_8);
                    send(producer, new ProducerRecord<>(topics.protobufTopic(), key, ReportCodec.PROTOBUF.encode(report)), report);
                    send(producer, new ProducerRecord<>(topics.jsonTopic(), key, ReportCodec.JSON.encode(report)), report);
                }
            }
        } catch (RuntimeException e) {
            tally.failure("the producer thread", e);
        } finally {
            try {
                producer.flush();
            } finally {
                producer.close(STOP_TIMEOUT);
            }
        }
    }

    private void send(Producer<byte[], byte[]> producer, ProducerRecord<byte[], byte[]> record, WeatherReport report) {
        String what = record.topic() + " " + report.station() + " " + report.date();
        try {
            producer.send(record, tally.forRecord(what));
        } catch (RuntimeException e) {
            tally.failure(what, e);
        }
    }

    /** Waits the pause between rounds; false when a stop was requested meanwhile. */
    private boolean pause(CountDownLatch stopSignal) {
        try {
            return !stopSignal.await(weather.pause().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public String toString() {
        return "WeatherProducer[" + (isRunning() ? "running" : "stopped")
                + ", " + tally + "]";
    }
}
