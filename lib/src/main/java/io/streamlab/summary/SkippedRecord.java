package io.streamlab.summary;

/** A record the consumer could not decode and skipped: where it is and why. */
public record SkippedRecord(int partition, long offset, String reason) {

    @Override
    public String toString() {
        return "partition " + partition + " offset " + offset + ": " + reason;
    }
}
