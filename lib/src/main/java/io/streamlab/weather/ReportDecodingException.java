package io.streamlab.weather;

/**
 * Bytes that are not a weather report: corrupt, another format, or a report with an impossible
 * field (an unknown station, a malformed date). Checked, so a loop over a topic has to decide what a
 * bad record means instead of dying on it.
 */
public class ReportDecodingException extends Exception {

    public ReportDecodingException(String message) {
        super(message);
    }

    public ReportDecodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
