package io.streamlab.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.sql.Date;
import java.util.List;

import static io.streamlab.spark.TestSpark.report;
import static io.streamlab.spark.TestSpark.weather;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class StationStatsTest {

    @Test
    void summarisesEachStation() {
        Dataset<Row> stats = StationStats.of(weather(
                report("B", "2000-01-02", 10.0, 0),
                report("A", "2000-01-01", 30.0, 1),
                report("A", "2000-01-03", 50.0, 0),
                report("A", "2000-01-02", 40.0, 0),
                report("B", "2000-01-01", 20.0, 1)));

        assertArrayEquals(new String[] {"station", "start", "end", "measurements", "avg", "max"}, stats.columns());
        List<Row> rows = stats.collectAsList();
        assertEquals(2, rows.size());

        Row a = rows.get(0);
        assertEquals("A", a.getString(0));
        assertEquals(Date.valueOf("2000-01-01"), a.getDate(1));
        assertEquals(Date.valueOf("2000-01-03"), a.getDate(2));
        assertEquals(3L, a.getLong(3));
        assertEquals(40.0, a.getDouble(4), 1e-9);
        assertEquals(50.0, a.getDouble(5));

        Row b = rows.get(1);
        assertEquals("B", b.getString(0));
        assertEquals(2L, b.getLong(3));
        assertEquals(15.0, b.getDouble(4), 1e-9);
        assertEquals(20.0, b.getDouble(5));
    }
}
