package io.streamlab.weather;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/** Checks shared by the codecs: both carry the date as "YYYY-MM-DD" and the station as a letter. */
final class ReportFields {

    private ReportFields() {
    }

    static String formatDate(LocalDate date) {
        return DateTimeFormatter.ISO_LOCAL_DATE.format(date);
    }

    static LocalDate parseDate(String text, String format) throws ReportDecodingException {
        if (text == null || text.isEmpty()) {
            throw new ReportDecodingException(format + " report has no date");
        }
        // Read the digits directly: DateTimeFormatter.parse was a sixth of the summary consumer's CPU
        // time (profiled with JFR in ./streamlab bench), and every report carries a date.
        if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            throw malformedDate(text, format, null);
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        if (year < 0 || month < 0 || day < 0) {
            throw malformedDate(text, format, null);
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            throw malformedDate(text, format, e);
        }
    }

    private static ReportDecodingException malformedDate(String text, String format, Throwable cause) {
        return new ReportDecodingException(format + " report has date \"" + text + "\", expected YYYY-MM-DD", cause);
    }

    /** The number written by the ASCII digits text[from, to), or -1 if any of them is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    static String checkStation(String station, String format) throws ReportDecodingException {
        if (!Stations.isValid(station)) {
            throw new ReportDecodingException(format + " report has unknown station "
                    + (station == null ? "(none)" : '"' + station + '"') + ", expected one letter A–Z");
        }
        return station;
    }

    static double checkDegrees(double degrees, String format) throws ReportDecodingException {
        if (!Double.isFinite(degrees)) {
            throw new ReportDecodingException(format + " report has degrees " + degrees + ", expected a finite number");
        }
        return degrees;
    }
}
