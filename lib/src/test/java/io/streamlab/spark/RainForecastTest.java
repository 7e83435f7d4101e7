package io.streamlab.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.sql.Date;
import java.util.List;

import static io.streamlab.spark.TestSpark.report;
import static io.streamlab.spark.TestSpark.weather;
import static org.junit.jupiter.api.Assertions.assertEquals;

class RainForecastTest {

    /** Station A has four consecutive days across a month boundary; station B has a gap. */
    private static Dataset<Row> sample() {
        return weather(
                report("A", "2000-01-30", 31.5, 0),
                report("A", "2000-01-31", 32.5, 1),
                report("A", "2000-02-01", 33.5, 1),
                report("A", "2000-02-02", 34.5, 0),
                report("B", "2000-03-01", 50.0, 1),
                report("B", "2000-03-02", 51.0, 0),
                // 2000-03-03 missing: neither 03-03, 03-04 nor 03-05 can have both previous days
                report("B", "2000-03-04", 53.0, 1),
                report("B", "2000-03-05", 54.0, 1));
    }

    @Test
    void todayIsWhetherItRainedAtAStationOnADay() {
        Dataset<Row> today = RainForecast.today(sample());

        assertEquals("struct<station:string,date:date,raining:int>", today.schema().simpleString());
        assertEquals(8, today.count());
    }

    @Test
    void featuresHoldThePreviousTwoDaysAndTheMonth() {
        Dataset<Row> features = RainForecast.features(sample()).orderBy("station", "date");

        assertEquals("struct<station:string,date:date,month:int,sub1degrees:float,sub1raining:int,"
                + "sub2degrees:float,sub2raining:int>", features.schema().simpleString());
        List<Row> rows = features.collectAsList();
        // A row for day d needs reports for d-1 and d-2. A: 02-01, 02-02 and 02-03 (the day after the
        // last report). B: 03-03 (after 03-01, 03-02) and 03-06 (after 03-04, 03-05); 03-04 and 03-05
        // have a missing previous day, so no row.
        assertEquals(List.of("A 2000-02-01", "A 2000-02-02", "A 2000-02-03", "B 2000-03-03", "B 2000-03-06"),
                rows.stream().map(r -> r.getString(0) + " " + r.getDate(1)).toList());

        Row feb1 = rows.get(0);
        assertEquals(2, feb1.getInt(2));            // month of the predicted day, not of yesterday
        assertEquals(32.5f, feb1.getFloat(3));      // 01-31
        assertEquals(1, feb1.getInt(4));
        assertEquals(31.5f, feb1.getFloat(5));      // 01-30
        assertEquals(0, feb1.getInt(6));

        Row feb2 = rows.get(1);
        assertEquals(33.5f, feb2.getFloat(3));
        assertEquals(1, feb2.getInt(4));
        assertEquals(32.5f, feb2.getFloat(5));
        assertEquals(1, feb2.getInt(6));
    }

    @Test
    void trainingRowsNeedTodayAndBothPreviousDays() {
        Dataset<Row> rows = RainForecast.trainingRows(RainForecast.today(sample()), RainForecast.features(sample()))
                .orderBy("station", "date");

        assertEquals("struct<station:string,date:date,raining:int,month:int,sub1degrees:float,sub1raining:int,"
                + "sub2degrees:float,sub2raining:int>", rows.schema().simpleString());
        List<Row> list = rows.collectAsList();
        // A 02-03, B 03-03 and B 03-06 have features but no report of their own (no label).
        assertEquals(2, list.size());
        Row feb2 = list.get(1);
        assertEquals("A", feb2.getString(0));
        assertEquals(Date.valueOf("2000-02-02"), feb2.getDate(1));
        assertEquals(0, feb2.getInt(2));            // today's raining
        assertEquals(2, feb2.getInt(3));
        assertEquals(33.5f, feb2.getFloat(4));
        assertEquals(RainForecast.trainingRows(sample()).count(), rows.count());
    }
}
