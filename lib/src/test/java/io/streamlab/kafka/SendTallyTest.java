package io.streamlab.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class SendTallyTest {

    @Test
    void countsEveryOutcomeOfTheRecordsItWasGiven() {
        SendTally tally = new SendTally();
        Callback first = tally.forRecord("stations A 2000-01-01");
        Callback second = tally.forRecord("stations-json A 2000-01-01");
        Callback third = tally.forRecord();
        TimeoutException failure = new TimeoutException("broker gone");

        first.onCompletion(null, null);
        second.onCompletion(null, failure);

        assertEquals(3, tally.sent());
        assertEquals(1, tally.acknowledged());
        assertEquals(1, tally.failed());
        assertSame(failure, tally.lastError());
        assertTrue(tally.toString().startsWith("sent 3, acknowledged 1, failed 1, last error:"), tally.toString());
        third.onCompletion(null, null);
        assertEquals(2, tally.acknowledged());
    }

    @Test
    void waitingForAcknowledgementsEndsAtTheDeadlineWithTheReason() {
        SendTally tally = new SendTally();
        tally.forRecord();

        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> tally.awaitAcknowledged(1, Duration.ofMillis(100)));
        assertTrue(error.getMessage().contains("only 0 of 1 records were acknowledged"), error.getMessage());
    }

    @Test
    void waitingReturnsOnceEnoughAreAcknowledged() {
        SendTally tally = new SendTally();
        Callback callback = tally.forRecord();
        new Thread(() -> callback.onCompletion(null, null)).start();

        assertSame(tally, tally.awaitAcknowledged(1, Duration.ofSeconds(10)));
    }

    @Test
    void showsTheRetriesOfTheProducersItWatchesOnlyWhenItWatchesOne() {
        SendTally tally = new SendTally();
        assertEquals("sent 0, acknowledged 0, failed 0", tally.toString());
        // No broker is contacted before the first send: the metrics exist from the start.
        Map<String, Object> settings = Map.of("bootstrap.servers", "localhost:1");
        try (var producer = new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer())) {
            tally.countRetriesOf(producer);
            assertEquals(0, tally.retried());
        }
        assertEquals("sent 0, acknowledged 0, retried 0, failed 0", tally.toString());
    }
}
