package io.streamlab.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamlab.weather.WeatherReport;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PartitionSnapshotTest {

    private static WeatherReport report(String station, String date, double degrees) {
        return new WeatherReport(LocalDate.parse(date), station, degrees, false);
    }

    @Test
    void countsEachStationsReportsAndTracksStartEndSumAvg() {
        PartitionSnapshot snapshot = PartitionSnapshot.fresh(1);
        assertTrue(snapshot.apply(report("E", "2000-01-01", 30)));
        assertTrue(snapshot.apply(report("O", "2000-01-01", 50)));
        assertTrue(snapshot.apply(report("E", "2000-01-02", 35)));
        assertEquals(new StationSummary(65, 2, LocalDate.of(2000, 1, 1), LocalDate.of(2000, 1, 2)), snapshot.station("E"));
        assertEquals(32.5, snapshot.station("E").avg());
        assertEquals(new StationSummary(50, 1, LocalDate.of(2000, 1, 1), LocalDate.of(2000, 1, 1)), snapshot.station("O"));
    }

    @Test
    void ignoresReportsNotAfterTheStationsEnd() {
        PartitionSnapshot snapshot = PartitionSnapshot.fresh(0);
        snapshot.apply(report("N", "2000-01-01", 30));
        snapshot.apply(report("N", "2000-01-02", 40));
        StationSummary before = snapshot.station("N");
        assertFalse(snapshot.apply(report("N", "2000-01-02", 40)), "a retried duplicate");
        assertFalse(snapshot.apply(report("N", "2000-01-01", 99)), "an older day");
        assertEquals(before, snapshot.station("N"));
        assertTrue(snapshot.apply(report("N", "2000-01-03", 20)));
        assertEquals(3, snapshot.station("N").count());
    }

    @Test
    void writesTheSeedsFormat() {
        PartitionSnapshot snapshot = PartitionSnapshot.fresh(1);
        snapshot.apply(report("O", "2000-01-01", 34.5));
        snapshot.apply(report("E", "2000-01-01", 28.25));
        snapshot.apply(report("E", "2000-01-02", 29.75));
        snapshot.advanceTo(3);
        assertEquals("""
                {
                  "partition": 1,
                  "offset": 3,
                  "E": {
                    "sum": 58.0,
                    "count": 2,
                    "avg": 29.0,
                    "start": "2000-01-01",
                    "end": "2000-01-02"
                  },
                  "O": {
                    "sum": 34.5,
                    "count": 1,
                    "avg": 34.5,
                    "start": "2000-01-01",
                    "end": "2000-01-01"
                  }
                }
                """, snapshot.toJson());
    }

    @Test
    void readsBackExactlyWhatItWrote() throws SnapshotFormatException {
        PartitionSnapshot snapshot = PartitionSnapshot.fresh(4);
        double degrees = 17.123456789012345;
        for (int day = 0; day < 400; day++) {
            for (String station : new String[] {"A", "B", "C", "K", "L"}) {
                degrees = degrees * 1.37 % 97.3;
                snapshot.apply(report(station, LocalDate.of(2000, 1, 1).plusDays(day).toString(), degrees));
            }
        }
        snapshot.advanceTo(2000);
        assertEquals(snapshot, PartitionSnapshot.fromJson(snapshot.toJson()));
        assertEquals(PartitionSnapshot.fresh(2), PartitionSnapshot.fromJson(PartitionSnapshot.fresh(2).toJson()));
    }

    @Test
    void theOffsetNeverMovesBack() {
        PartitionSnapshot snapshot = PartitionSnapshot.fresh(0);
        snapshot.advanceTo(10);
        assertThrows(IllegalArgumentException.class, () -> snapshot.advanceTo(9));
    }

    @Test
    void rejectsTextThatIsNotASnapshotSayingWhy() {
        String good = """
                {"partition": 1, "offset": 3,
                 "E": {"sum": 58.0, "count": 2, "avg": 29.0, "start": "2000-01-01", "end": "2000-01-02"}}""";
        assertFormatError(good.substring(0, good.length() - 20), "not valid JSON");
        assertFormatError("", "expected a JSON object");
        assertFormatError("[]", "expected a JSON object");
        assertFormatError(good.replace("\"partition\": 1,", ""), "\"partition\"");
        assertFormatError(good.replace("\"offset\": 3", "\"offset\": -3"), "\"offset\"");
        assertFormatError(good.replace("\"offset\": 3", "\"offset\": 3.5"), "\"offset\"");
        assertFormatError(good.replace("\"E\"", "\"e\""), "unexpected key \"e\"");
        assertFormatError(good.replace("\"count\": 2", "\"count\": 0"), "count");
        assertFormatError(good.replace("\"avg\": 29.0", "\"avg\": 30.0"), "avg");
        assertFormatError(good.replace("\"sum\": 58.0", "\"sum\": \"lots\""), "\"sum\"");
        assertFormatError(good.replace("\"end\": \"2000-01-02\"", "\"end\": \"1999-12-31\""), "before start");
        assertFormatError(good.replace("\"end\": \"2000-01-02\"", "\"end\": \"2000-1-2\""), "YYYY-MM-DD");
        assertFormatError(good.replace("\"start\"", "\"begin\""), "unexpected field \"begin\"");
        assertFormatError(good.replace("\"offset\": 3,", "\"offset\": 3, \"offset\": 4,"), "Duplicate field");
    }

    private static void assertFormatError(String text, String expectedInMessage) {
        SnapshotFormatException error = assertThrows(SnapshotFormatException.class, () -> PartitionSnapshot.fromJson(text));
        assertTrue(error.getMessage().contains(expectedInMessage),
                "expected \"" + expectedInMessage + "\" in: " + error.getMessage());
    }
}
