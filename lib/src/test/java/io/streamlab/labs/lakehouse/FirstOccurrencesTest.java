package io.streamlab.labs.lakehouse;

import io.streamlab.labs.LabTestSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FirstOccurrencesTest {

    static Row message(String id, String channel, String eventType, String time, int user) {
        return RowFactory.create(id, channel, eventType, Timestamp.valueOf("2024-12-03 " + time), user);
    }

    @Test
    void keepsTheEarliestRowOfEachMessageEventTypeAndChannel() {
        // The assignment's example: the second line is the first occurrence.
        Dataset<Row> messages = LabTestSpark.session().createDataFrame(List.of(
                message("123", "CHAT", "CREATED", "10:10:01", 1),
                message("123", "CHAT", "CREATED", "07:56:45", 2),
                message("123", "CHAT", "CREATED", "08:13:33", 3),
                message("123", "SMS", "CREATED", "09:00:00", 4),
                message("123", "CHAT", "OPEN", "11:00:00", 5),
                message("456", "CHAT", "CREATED", "12:00:00", 6)),
                StructType.fromDDL("message_id STRING, channel STRING, event_type STRING, timestamp TIMESTAMP, user_id INT"));

        Dataset<Row> first = FirstOccurrences.of(messages, "timestamp", "message_id", "event_type", "channel");

        assertEquals(messages.columns().length, first.columns().length, "the rank column is dropped");
        assertEquals(List.of(2, 4, 5, 6), first.orderBy("user_id").collectAsList().stream()
                .map(row -> row.getInt(row.fieldIndex("user_id"))).toList());
    }

    @Test
    void needsAKey() {
        Dataset<Row> none = LabTestSpark.session().emptyDataFrame();
        assertThrows(IllegalArgumentException.class, () -> FirstOccurrences.of(none, "timestamp"));
    }
}
