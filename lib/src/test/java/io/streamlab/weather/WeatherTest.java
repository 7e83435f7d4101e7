package io.streamlab.weather;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Month;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WeatherTest {

    private static final int TEN_YEARS_OF_ROUNDS = 3653;

    private static List<WeatherReport> tenYears(int stations, long seed) {
        return Weather.stations(stations).seed(seed).pause(Duration.ZERO).limit((long) stations * TEN_YEARS_OF_ROUNDS)
                .toList();
    }

    @Test
    void theSameSeedGivesTheSameWeatherAndAnotherSeedOtherWeather() {
        Weather weather = Weather.stations(15).seed(42).pause(Duration.ZERO).limit(500);
        assertEquals(weather.toList(), weather.toList(), "two runs of one seeded Weather");
        assertEquals(weather.toList(), Weather.stations(15).seed(42).pause(Duration.ZERO).limit(500).toList());
        assertNotEquals(weather.toList(), weather.seed(43).toList());
    }

    @Test
    void unseededRunsDiffer() {
        Weather weather = Weather.stations(3).pause(Duration.ZERO).limit(30);
        assertNotEquals(weather.toList(), weather.toList());
    }

    @Test
    void everyStationIsWarmerInJulyThanInJanuary() {
        Map<String, double[]> julyAndJanuary = new HashMap<>(); // sum July, count July, sum January, count January
        for (WeatherReport report : tenYears(26, 7)) {
            double[] sums = julyAndJanuary.computeIfAbsent(report.station(), s -> new double[4]);
            if (report.date().getMonth() == Month.JULY) {
                sums[0] += report.degrees();
                sums[1]++;
            } else if (report.date().getMonth() == Month.JANUARY) {
                sums[2] += report.degrees();
                sums[3]++;
            }
        }
        assertEquals(26, julyAndJanuary.size());
        julyAndJanuary.forEach((station, sums) -> {
            double july = sums[0] / sums[1];
            double january = sums[2] / sums[3];
            assertTrue(july > january + 30, station + ": July " + july + " °F, January " + january + " °F");
        });
    }

    @Test
    void itNeverRainsBelowFreezingButDoesRainAboveIt() {
        long rainyDays = 0;
        long dryWarmDays = 0;
        for (WeatherReport report : tenYears(15, 11)) {
            if (report.degrees() < 32) {
                assertFalse(report.raining(), "rain at " + report.degrees() + " °F: " + report);
            } else if (report.raining()) {
                rainyDays++;
            } else {
                dryWarmDays++;
            }
        }
        assertTrue(rainyDays > 1000, "rainy days: " + rainyDays);
        assertTrue(dryWarmDays > 1000, "dry days above freezing: " + dryWarmDays);
    }

    @Test
    void eachRoundHasEveryStationInOrderForTheNextDay() {
        List<WeatherReport> reports = Weather.stations(15).seed(3).pause(Duration.ZERO).limit(15 * 400).toList();
        assertEquals(15 * 400, reports.size());
        Map<String, LocalDate> lastDate = new HashMap<>();
        for (int i = 0; i < reports.size(); i++) {
            WeatherReport report = reports.get(i);
            assertEquals(String.valueOf((char) ('A' + i % 15)), report.station(), "report " + i);
            LocalDate expected = lastDate.containsKey(report.station())
                    ? lastDate.get(report.station()).plusDays(1) : LocalDate.of(2000, 1, 1);
            assertEquals(expected, report.date(), "report " + i);
            lastDate.put(report.station(), report.date());
        }
        assertEquals(LocalDate.of(2001, 2, 3), lastDate.get("O")); // 2000 is a leap year: day 400 is 2001-02-03
    }

    @Test
    void atMost26StationsWithAClearError() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Weather.stations(27));
        assertTrue(error.getMessage().contains("26") && error.getMessage().contains("27"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Weather.stations(0));
        assertEquals("Z", Weather.stations(26).stationNames().get(25));
    }

    @Test
    void theLastRoundOfALimitedRunMayBeShort() {
        List<List<WeatherReport>> rounds = new java.util.ArrayList<>();
        Weather.stations(4).seed(1).limit(10).rounds().forEachRemaining(rounds::add);
        assertEquals(List.of(4, 4, 2), rounds.stream().map(List::size).toList());
    }

    @Test
    void pausesBetweenRoundsButNotBeforeTheFirstOrAfterTheLast() {
        Duration pause = Duration.ofMillis(1500);
        Iterator<WeatherReport> reports = Weather.stations(2).seed(1).pause(pause).limit(4).iterator();
        long start = System.nanoTime();
        reports.next();
        reports.next();
        assertTrue(millisSince(start) < pause.toMillis(), "no pause before the first round");
        long second = System.nanoTime();
        reports.next();
        assertTrue(millisSince(second) >= pause.toMillis(), "a pause before the second round");
        reports.next();
        long last = System.nanoTime();
        assertFalse(reports.hasNext());
        assertTrue(millisSince(last) < pause.toMillis(), "no pause after the last report");
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    @Test
    void anInterruptDuringThePauseEndsTheRun() {
        Iterator<WeatherReport> reports = Weather.stations(2).seed(1).pause(Duration.ofMinutes(10)).iterator();
        reports.next();
        reports.next();
        Thread.currentThread().interrupt();
        try {
            assertFalse(reports.hasNext());
            assertTrue(Thread.interrupted(), "the interrupt stays set for the caller");
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void badSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Weather.stations(3).pause(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> Weather.stations(3).limit(-1));
        IllegalStateException endless = assertThrows(IllegalStateException.class, () -> Weather.stations(3).toList());
        assertTrue(endless.getMessage().contains("limit"), endless.getMessage());
    }
}
