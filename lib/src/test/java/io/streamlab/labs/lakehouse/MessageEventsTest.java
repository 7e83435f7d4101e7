package io.streamlab.labs.lakehouse;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamlab.spark.TestSpark;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class MessageEventsTest {

    /** Rows like the rate source's: a timestamp and a counter from 0. */
    static Dataset<Row> rateRows(long count) {
        return TestSpark.session().range(count).select(current_timestamp().as("timestamp"), col("id").as("value"));
    }

    static List<Row> events(long seed, long count) {
        return MessageEvents.enrich(rateRows(count), seed).drop("timestamp").orderBy("value").collectAsList();
    }

    @Test
    void theSameSeedGivesTheSameEventsAndAnotherSeedOthers() {
        assertEquals(events(7, 200), events(7, 200));
        assertNotEquals(events(7, 200), events(8, 200));
        // A row's event depends on its value only, not on which rows share its batch.
        assertEquals(events(7, 200).subList(0, 50), events(7, 50));
        assertEquals(50, MessageEvents.messageIds(7).stream().distinct().count());
        assertTrue(MessageEvents.messageIds(7).stream().allMatch(id -> id.charAt(14) == '4'), "version-4 UUIDs");
    }

    @Test
    void valuesComeFromTheSeedsDomainsWithCorruptedAndDuplicateEvents() {
        List<Row> rows = events(42, 2000);
        List<String> ids = MessageEvents.messageIds(42);
        long corrupted = 0;
        Map<List<Object>, Long> firstValueByKey = new HashMap<>();
        List<Object> someResent = new ArrayList<>();
        for (Row row : rows) {
            String eventType = row.getString(1);
            assertTrue(Arrays.asList("", "NONE", null).contains(eventType)
                    || MessageEvents.EVENT_TYPES.contains(eventType), row.toString());
            assertTrue(ids.contains(row.getString(2)), row.toString());
            assertTrue(MessageEvents.CHANNELS.contains(row.getString(3)), row.toString());
            assertTrue(row.getInt(4) >= 2000 && row.getInt(4) <= 2015, row.toString());
            assertTrue(row.getInt(5) >= 1000 && row.getInt(5) <= 1050, row.toString());
            if (eventType == null || eventType.isEmpty() || eventType.equals("NONE")) {
                corrupted++;
            }
            List<Object> key = Arrays.asList(row.getString(2), eventType, row.getString(3));
            Long first = firstValueByKey.putIfAbsent(key, row.getLong(0));
            if (first != null && row.getLong(0) - first <= MessageEvents.RESEND_REACH) {
                someResent.add(row.getLong(0));
            }
        }
        assertTrue(corrupted > 2000 * 3 / 8 * 0.8 && corrupted < 2000 * 3 / 8 * 1.2, "about 3 in 8 corrupted, got "
                + corrupted);
        // About one row in five resends one of the three before it (unless that one was itself a resend).
        assertTrue(someResent.size() > 200 && someResent.size() < 450, "resent rows: " + someResent.size());
        assertTrue(rows.stream().map(row -> row.get(1)).anyMatch(Objects::isNull), "some event types are null");
    }
}
