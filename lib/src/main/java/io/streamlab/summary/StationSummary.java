package io.streamlab.summary;

import io.streamlab.weather.WeatherReport;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Running temperature statistics of one station: what a dashboard shows. The sum is kept only so the
 * average can be updated without remembering every temperature.
 *
 * @param sum   sum of the temperatures counted
 * @param count number of temperatures counted
 * @param start date of the first report counted
 * @param end   date of the latest report counted
 */
public record StationSummary(double sum, long count, LocalDate start, LocalDate end) {

    public StationSummary {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (count < 1) {
            throw new IllegalArgumentException("a station summary counts at least one report, got count " + count);
        }
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("a station summary cannot end (" + end + ") before it starts (" + start + ")");
        }
        if (!Double.isFinite(sum)) {
            throw new IllegalArgumentException("sum must be a finite number, got " + sum);
        }
    }

    /** The summary of a station's first report. */
    public static StationSummary of(WeatherReport report) {
        return new StationSummary(report.degrees(), 1, report.date(), report.date());
    }

    public double avg() {
        return sum / count;
    }

    /**
     * Whether {@code report} is news: only a report dated after {@link #end()} counts. An older or
     * equal date is a duplicate (a producer retry whose first attempt did arrive) or a replay.
     */
    public boolean counts(WeatherReport report) {
        return report.date().isAfter(end);
    }

    /** This summary with {@code report} counted; callers check {@link #counts(WeatherReport)} first. */
    public StationSummary plus(WeatherReport report) {
        if (!counts(report)) {
            throw new IllegalArgumentException("report of " + report.date() + " is not after " + end + ": " + report);
        }
        return new StationSummary(sum + report.degrees(), count + 1, start, report.date());
    }
}
