package io.streamlab.labs;

import io.streamlab.kafka.KafkaAdmin;
import io.streamlab.kafka.SendTally;
import io.streamlab.kafka.SenderThread;
import java.time.Duration;
import java.util.Iterator;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A background thread that sends one line of text (no key) to a lab's topic, then pauses, until
 * stopped or until the lines run out — the variance seed's {@code producer_variance.py}, and the
 * social media lab's crawler.
 *
 * <pre>{@code
 * LineProducer producer = new LineProducer(IntegerLines.random(42), LabTopic.named("variance"),
 * Duration.ofSeconds(1)).start();
 * producer           // LineProducer[running, sent 12, acknowledged 12, failed 0]
 * producer.stop();
 * }</pre>
 */
public final class LineProducer implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Iterator<String> lines;
    private final LabTopic topic;
    private final Duration pause;
    private final SendTally tally = new SendTally("line producer");
    private final SenderThread sender = new SenderThread("line producer", STOP_TIMEOUT);

    public LineProducer(Iterator<String> lines, LabTopic topic, Duration pause) {
        this.lines = lines;
        this.topic = topic;
        this.pause = pause;
    }

    /** The client settings, each with the reason it is set. */
    public static Properties settings(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // A line counts as sent only when the broker stored it: a running result must not miss lines.
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        // A retried send is not stored twice, so nothing is counted twice either.
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // Lines are text; Spark reads the value as bytes and casts it to a string.
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        // Send each line at once rather than waiting to fill a batch: a steady trickle is the point.
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        // A vanished broker makes send() give up after 10 s instead of blocking a minute.
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        return properties;
    }

    /** Starts the daemon thread; fails at once if the broker does not answer. Does nothing if running. */
    public synchronized LineProducer start() {
        if (isRunning()) {
            return this;
        }
        KafkaAdmin.requireReachable(topic.bootstrapServers());
        KafkaProducer<String, String> producer = new KafkaProducer<>(settings(topic.bootstrapServers()));
        sender.start(stopSignal -> produce(producer, stopSignal));
        return this;
    }

    /** Stops after the current line, flushes and closes the client. Safe to call twice. */
    public void stop() {
        sender.stop("is Kafka at " + topic.bootstrapServers() + " still up?");
    }

    @Override
    public void close() {
        stop();
    }

    public boolean isRunning() {
        return sender.isRunning();
    }

    /** Waits until at least {@code lines} are acknowledged, or fails naming what was. */
    public LineProducer awaitAcknowledged(long lines, Duration timeout) {
        tally.awaitAcknowledged(lines, timeout);
        return this;
    }

    public long acknowledged() {
        return tally.acknowledged();
    }

    public long failed() {
        return tally.failed();
    }

    private void produce(KafkaProducer<String, String> producer, CountDownLatch signal) {
        try {
            do {
                if (!lines.hasNext()) {
                    break; // a finite input (the variance worked example) was sent in full
                }
                String line = lines.next();
                try {
                    producer.send(new ProducerRecord<>(topic.name(), line), tally.forRecord("'" + line + "'"));
                } catch (RuntimeException e) {
                    tally.failure("'" + line + "'", e);
                }
            } while (!signal.await(pause.toNanos(), TimeUnit.NANOSECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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

    @Override
    public String toString() {
        return "LineProducer[" + (isRunning() ? "running" : "stopped") + " to " + topic.name()
                + " every " + pause.toMillis() + " ms, " + tally + "]";
    }
}
