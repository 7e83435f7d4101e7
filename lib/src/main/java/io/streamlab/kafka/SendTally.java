package io.streamlab.kafka;

import io.streamlab.wait.Deadline;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Callback;

/**
 * Counts a producer's records: sent, acknowledged by the broker, failed. A send is asynchronous,
 * so its outcome arrives in a callback; this is that callback, and it never lets a failure vanish:
 * the first few are printed with their exception, all are counted, and the last one is kept.
 *
 * <pre>{@code
 * SendTally tally = new SendTally();
 * producer.send(record, tally.forRecord());
 * tally   // sent 2, acknowledged 2, failed 0
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

    /** The most recent failure, or null. */
    public Throwable lastError() {
        return lastError;
    }

    @Override
    public String toString() {
        return "sent " + sent() + ", acknowledged " + acknowledged() + ", failed " + failed()
                + (lastError == null ? "" : ", last error: " + lastError);
    }
}
