package io.streamlab.weather;

import java.time.LocalDate;
import java.util.Random;

/**
 * One station's weather, day after day from 2000-01-01: the seed's {@code one_station} generator.
 *
 * <p>Each station gets its own monthly temperature pattern (the shared pattern shifted by up to
 * ±15 °F, plus ±2.5 °F per month) and its own chances to start and stop raining. Each day the
 * temperature drifts towards the month's average with noise, so consecutive days are related — the
 * day-to-day pattern the forecast model in the Spark lab learns.
 */
final class StationWeather {

    private static final LocalDate FIRST_DAY = LocalDate.of(2000, 1, 1);
    /** Below freezing it snows rather than rains. */
    private static final double FREEZING = 32;
    private static final double[] MONTH_AVERAGE = {27, 31, 44, 58, 70, 79, 83, 81, 74, 61, 46, 32};
    private static final double[] START_RAIN = {0.1, 0.1, 0.3, 0.5, 0.4, 0.2, 0.2, 0.1, 0.2, 0.2, 0.2, 0.1};

    private final String name;
    private final Random random;
    private final double[] monthAverage = new double[12];
    private final double[] startRain = new double[12];
    private final double stopRain;

    private LocalDate today = FIRST_DAY;
    private double temperature;
    private boolean raining;

    /** Draws the station's patterns from {@code random}, in the seed's order. */
    StationWeather(String name, Random random) {
        this.name = Stations.requireValid(name);
        this.random = random;
        double shift = (random.nextDouble() - 0.5) * 30;
        for (int m = 0; m < 12; m++) {
            monthAverage[m] = MONTH_AVERAGE[m] + shift + (random.nextDouble() - 0.5) * 5;
        }
        double rainShift = (random.nextDouble() - 0.5) * 0.1;
        for (int m = 0; m < 12; m++) {
            startRain[m] = START_RAIN[m] + rainShift + (random.nextDouble() - 0.5) * 0.2;
        }
        stopRain = 0.2 + random.nextDouble() * 0.2;
        temperature = monthAverage[0];
    }

    /** The next day's report. */
    WeatherReport next() {
        int month = today.getMonthValue() - 1;
        temperature = temperature * 0.8 + monthAverage[month] * 0.2 + (random.nextDouble() - 0.5) * 20;
        if (temperature < FREEZING) {
            raining = false;
        } else if (raining && random.nextDouble() < stopRain) {
            raining = false;
        } else if (!raining && random.nextDouble() < startRain[month]) {
            raining = true;
        }
        WeatherReport report = new WeatherReport(today, name, temperature, raining);
        today = today.plusDays(1);
        return report;
    }
}
