package io.streamlab.summary;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one consumer run did: records counted, duplicates ignored, corrupt records skipped, partitions
 * it had to stop, and the error that ended it early, if any. Read it after the thread has finished.
 */
public final class ConsumerStats {

    private final List<Integer> partitions;
    private int polls;
    private long counted;
    private long duplicates;
    private final List<SkippedRecord> skipped = new ArrayList<>();
    private final Map<Integer, String> stoppedPartitions = new TreeMap<>();
    private final Map<Integer, Long> offsets = new TreeMap<>();
    private Exception failure;

    ConsumerStats(List<Integer> partitions) {
        this.partitions = List.copyOf(partitions);
    }

    public List<Integer> partitions() {
        return partitions;
    }

    /** Polls done. */
    public synchronized int polls() {
        return polls;
    }

    /** Reports counted into a station summary. */
    public synchronized long counted() {
        return counted;
    }

    /** Reports ignored because their station's summary already covers their date. */
    public synchronized long duplicates() {
        return duplicates;
    }

    /** Records that did not decode, each reported once and skipped. */
    public synchronized List<SkippedRecord> skipped() {
        return List.copyOf(skipped);
    }

    /** Partitions this run stopped counting, with the reason (e.g. an unreadable partition file). */
    public synchronized Map<Integer, String> stoppedPartitions() {
        return Collections.unmodifiableMap(new TreeMap<>(stoppedPartitions));
    }

    /** The offset each partition's file was last saved with in this run. */
    public synchronized Map<Integer, Long> savedOffsets() {
        return Collections.unmodifiableMap(new TreeMap<>(offsets));
    }

    /** The error that ended the run early (e.g. Kafka not reachable), or null. */
    public synchronized Exception failure() {
        return failure;
    }

    /** True when every partition was counted to the end of the run without errors. */
    public synchronized boolean ok() {
        return failure == null && stoppedPartitions.isEmpty();
    }

    synchronized void polled() {
        polls++;
    }

    synchronized void counted(boolean counts) {
        if (counts) {
            counted++;
        } else {
            duplicates++;
        }
    }

    synchronized void skipped(SkippedRecord record) {
        skipped.add(record);
    }

    synchronized void stopped(int partition, String reason) {
        stoppedPartitions.put(partition, reason);
    }

    synchronized void saved(int partition, long offset) {
        offsets.put(partition, offset);
    }

    synchronized void failed(Exception exception) {
        failure = exception;
    }

    @Override
    public synchronized String toString() {
        return "consumer " + partitions + ": " + polls + " polls, counted " + counted + ", ignored " + duplicates
                + " duplicates, skipped " + skipped.size() + " corrupt records, offsets " + offsets
                + (stoppedPartitions.isEmpty() ? "" : ", stopped partitions " + stoppedPartitions)
                + (failure == null ? "" : ", failed: " + failure.getMessage());
    }
}
