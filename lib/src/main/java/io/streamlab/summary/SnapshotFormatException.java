package io.streamlab.summary;

/** Text that is not a partition snapshot: truncated, hand-edited, or from something else. */
public class SnapshotFormatException extends Exception {

    public SnapshotFormatException(String message) {
        super(message);
    }

    public SnapshotFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
