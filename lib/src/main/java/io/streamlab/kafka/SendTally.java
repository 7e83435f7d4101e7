package io.streamlab.kafka;

import io.streamlab.wait.Deadline;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.Metric;

/**
 * Counts a producer's records: sent, acknowledged by the broker, failed. A send is asynchronous,
 * so its outcome arrives in a callback; this is that callback, and it never lets a failure vanish:
 * the first few are printed with their exception, all are counted, and the last one is kept. Given
 * the producer, it also shows the sends the producer retried on its own (a broker restart shows up
 * there, not as a failure).
 *
 * <pre>{@code
 * SendTally tally = new SendTally();
 * tally.countRetriesOf(producer);
 * producer.send(record, tally.forRecord());
 * tally   // sent 2, acknowledged 2, retried 0, failed 0
 * }</pre>
 */
public final class SendTally {

    /** How many failures are printed in full; later ones are only counted. */
    public static final int PRINTED_FAILURES = 5;
    private static final Duration ACKNOWLEDGEMENT_POLL = Duration.ofMillis(20);

    private final String name;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile Throwable lastError;
    /** Each watched producer's own count of retried record sends (its metric record-retry-total). */
    private final List<Metric> retryCounters = new CopyOnWriteArrayList<>();

    public SendTally() {
        this("producer");
    }

    /** A tally whose printed failures start with {@code name}. */
    public SendTally(String name) {
        this.name = name;
    }

    /** Counts one record as sent and returns the callback that counts its outcome. */
    public Callback forRecord() {
        return forRecord("a record");
    }

    /** The same, naming the record ({@code "stations A 2000-01-01"}) if its send fails. */
    public Callback forRecord(String what) {
        sent.incrementAndGet();
        return (metadata, exception) -> {
            if (exception == null) {
                acknowledged.incrementAndGet();
            } else {
                failure(what, exception);
            }
        };
    }

    /**
     * Also shows how many record sends {@code producer} retried: a retry is invisible in the callback,
     * which only sees the final outcome. Every producer given is counted (a re-run producer cell adds
     * its new producer).
     */
    public void countRetriesOf(Producer<?, ?> producer) {
        producer.metrics().forEach((name, metric) -> {
            if (name.name().equals("record-retry-total") && name.group().equals("producer-metrics")) {
                retryCounters.add(metric);
            }
        });
    }

    /** Counts a failure outside a send's callback, e.g. send() itself threw. */
    public void failure(String what, Throwable exception) {
        lastError = exception;
        long count = failed.incrementAndGet();
        if (count <= PRINTED_FAILURES) {
            System.err.println(name + ": sending " + what + " failed: " + exception);
            if (count == PRINTED_FAILURES) {
                System.err.println(name + ": further failures are counted, not printed; see lastError()");
            }
        }
    }

    /**
     * Waits until at least {@code records} are acknowledged. Fails with the reason when the deadline
     * passes first, so a notebook cell never waits forever on a producer that cannot send.
     */
    public SendTally awaitAcknowledged(long records, Duration timeout) {
        Deadline.in(timeout).await(() -> acknowledged() >= records, ACKNOWLEDGEMENT_POLL,
                () -> "only " + acknowledged() + " of " + records + " records were acknowledged within "
                        + timeout.toSeconds() + " s (" + this + ") — is the producer running and Kafka up?");
        return this;
    }

    /** Records handed to the client. */
    public long sent() {
        return sent.get();
    }

    /** Records the broker acknowledged. */
    public long acknowledged() {
        return acknowledged.get();
    }

    /** Records that could not be sent, even after retries. */
    public long failed() {
        return failed.get();
    }

    /** Record sends the watched producers retried (0 without {@link #countRetriesOf}). */
    public long retried() {
        double total = 0;
        for (Metric counter : retryCounters) {
            // a closed producer's metric keeps its last value
            total += ((Number) counter.metricValue()).doubleValue();
        }
        return (long) total;
    }

    /** The most recent failure, or null. */
    public Throwable lastError() {
        return lastError;
    }

    @Override
    public String toString() {
        return "sent " + sent() + ", acknowledged " + acknowledged()
                + (retryCounters.isEmpty() ? "" : ", retried " + retried()) + ", failed " + failed()
                + (lastError == null ? "" : ", last error: " + lastError);
    }
}
