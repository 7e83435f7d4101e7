package io.streamlab.weather;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One station's weather on one day: what the generator yields and the producer sends.
 *
 * @param date    the day reported
 * @param station the station's name, one letter A…Z
 * @param degrees the day's temperature in Fahrenheit
 * @param raining whether it rained that day
 */
public record WeatherReport(LocalDate date, String station, double degrees, boolean raining) {

    public WeatherReport {
        Objects.requireNonNull(date, "date");
        Stations.requireValid(station);
        if (!Double.isFinite(degrees)) {
            throw new IllegalArgumentException("degrees must be a finite number, got " + degrees);
        }
    }
}
