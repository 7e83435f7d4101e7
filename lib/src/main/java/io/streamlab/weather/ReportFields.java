package io.streamlab.weather;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

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
        if (text.length() != 10) { // ISO_LOCAL_DATE also accepts years beyond 9999 with a sign
            throw new ReportDecodingException(format + " report has date \"" + text + "\", expected YYYY-MM-DD");
        }
        try {
            return LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
        } catch (DateTimeParseException e) {
            throw new ReportDecodingException(format + " report has date \"" + text + "\", expected YYYY-MM-DD", e);
        }
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
