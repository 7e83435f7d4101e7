package io.streamlab.labs.lakehouse;

import io.streamlab.labs.LabTestSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ReportsTest {

    static Dataset<Row> messages() {
        return LabTestSpark.session().createDataFrame(List.of(
                RowFactory.create("2024-12-03", "SMS", "CLICKED", 1001),
                RowFactory.create("2024-12-03", "SMS", "CLICKED", 1002),
                RowFactory.create("2024-12-03", "SMS", "SENT", 1002),
                RowFactory.create("2024-12-03", "CHAT", "OPEN", 1002),
                RowFactory.create("2024-12-04", "SMS", "OPEN", 1003),
                RowFactory.create("2024-12-04", "EMAIL", "OPEN", 1003)),
                StructType.fromDDL("date STRING, channel STRING, event_type STRING, user_id INT"));
    }

    @Test
    void report1HasOneColumnPerEventTypeZerosWhereNothingHappenedAndATotal() {
        Dataset<Row> report = Reports.byDateAndChannel(messages());
        assertArrayEquals(new String[] {"date", "channel", "CLICKED", "CREATED", "OPEN", "RECEIVED", "SENT", "total"},
                report.columns());
        assertEquals(List.of(
                        RowFactory.create("2024-12-03", "CHAT", 0L, 0L, 1L, 0L, 0L, 1L),
                        RowFactory.create("2024-12-03", "SMS", 2L, 0L, 0L, 0L, 1L, 3L),
                        RowFactory.create("2024-12-04", "EMAIL", 0L, 0L, 1L, 0L, 0L, 1L),
                        RowFactory.create("2024-12-04", "SMS", 0L, 0L, 1L, 0L, 0L, 1L)),
                report.collectAsList());
    }

    @Test
    void report2CountsInteractionsPerUserAndChannelMostActiveFirst() {
        Dataset<Row> report = Reports.usersByChannel(messages());
        assertArrayEquals(new String[] {"user_id", "interactions", "CHAT", "EMAIL", "OTHER", "PUSH", "SMS"},
                report.columns());
        assertEquals(List.of(
                        RowFactory.create(1002, 3L, 1L, 0L, 0L, 0L, 2L),
                        RowFactory.create(1003, 2L, 0L, 1L, 0L, 0L, 1L),
                        RowFactory.create(1001, 1L, 0L, 0L, 0L, 0L, 1L)),
                report.collectAsList());
    }
}
