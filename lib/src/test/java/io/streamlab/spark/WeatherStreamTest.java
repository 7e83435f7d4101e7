package io.streamlab.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.sql.Date;
import java.util.List;

import static io.streamlab.spark.TestSpark.kafkaRows;
import static io.streamlab.spark.TestSpark.report;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class WeatherStreamTest {

    @Test
    void parsesTheProducersJsonWithTypesAndTimestamp() {
        Dataset<Row> weather = WeatherStream.parse(kafkaRows(report("A", "2000-01-02", 38.25, 1)));

        assertArrayEquals(new String[] {"station", "date", "degrees", "raining", "timestamp"}, weather.columns());
        assertEquals("struct<station:string,date:date,degrees:double,raining:int,timestamp:timestamp>",
                weather.schema().simpleString());
        Row row = weather.first();
        assertEquals("A", row.getString(0));
        assertEquals(Date.valueOf("2000-01-02"), row.getDate(1));
        assertEquals(38.25, row.getDouble(2));
        assertEquals(1, row.getInt(3));
        assertEquals(java.sql.Timestamp.valueOf(row.getTimestamp(4).toLocalDateTime()), row.getTimestamp(4));
    }

    @Test
    void keysInAnyOrderAndUnknownKeysAreFine() {
        Dataset<Row> weather = WeatherStream.parse(kafkaRows(
                "{\"raining\":0,\"degrees\":-3,\"extra\":true,\"station\":\"B\",\"date\":\"2000-02-29\"}"));

        Row row = weather.first();
        assertEquals("B", row.getString(0));
        assertEquals(Date.valueOf("2000-02-29"), row.getDate(1));
        assertEquals(-3.0, row.getDouble(2));
        assertEquals(0, row.getInt(3));
    }

    @Test
    void recordsThatDoNotParseAreDroppedAndShownByRejected() {
        String good = report("A", "2000-01-01", 30.0, 0);
        String[] bad = {
                "not json at all",
                "{\"date\":\"2000-01-01\",\"station\":\"A\"",                          // truncated
                "{\"date\":\"2000-01-01\",\"station\":\"A\",\"degrees\":30.0}",        // raining missing
                "{\"date\":\"2000-13-45\",\"station\":\"A\",\"degrees\":1,\"raining\":0}", // no such date
                "{\"date\":\"2000-01-01\",\"station\":\"A\",\"degrees\":\"warm\",\"raining\":0}",
                null};
        String[] all = new String[bad.length + 1];
        all[0] = good;
        System.arraycopy(bad, 0, all, 1, bad.length);

        List<Row> kept = WeatherStream.parse(kafkaRows(all)).collectAsList();
        List<String> rejected = WeatherStream.rejected(kafkaRows(all)).collectAsList().stream()
                .map(row -> row.getString(0)).toList();

        assertEquals(1, kept.size());
        assertEquals(30.0, kept.get(0).getDouble(2));
        assertEquals(bad.length, rejected.size(), rejected.toString());
        assertEquals(java.util.Arrays.asList(bad), rejected);
    }

    @Test
    void aStringValueColumnParsesLikeKafkaBytes() {
        Dataset<Row> text = kafkaRows(report("C", "2001-05-06", 70.5, 0))
                .selectExpr("cast(value as string) as value", "timestamp");

        assertEquals("C", WeatherStream.parse(text).first().getString(0));
    }
}
