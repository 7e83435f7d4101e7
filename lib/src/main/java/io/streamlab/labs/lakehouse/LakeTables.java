package io.streamlab.labs.lakehouse;

import java.util.List;

/**
 * Where each table of the lake and each stream's checkpoint lives, below one root — the seed's
 * {@code /content/lake} layout. A checkpoint sits next to, never inside, the data it describes: a
 * reader of the data directory would otherwise take the checkpoint's files for data.
 */
public record LakeTables(String root) {

    /** Raw messages as the producer enriched them. */
    public String bronze() {
        return root + "/bronze/messages/data";
    }

    public String bronzeCheckpoint() {
        return root + "/bronze/messages/checkpoint";
    }

    /** Valid messages with their country name, partitioned by date. */
    public String silverMessages() {
        return root + "/silver/messages/data";
    }

    /** Messages whose event type is missing, empty or NONE, with their country name, partitioned by date. */
    public String silverCorrupted() {
        return root + "/silver/messages_corrupted/data";
    }

    /** One checkpoint for the silver stream, which writes both silver tables from each batch. */
    public String silverCheckpoint() {
        return root + "/silver/checkpoint";
    }

    /** Valid messages without duplicates: the first occurrence of each message, event type and channel. */
    public String goldMessages() {
        return root + "/gold/messages/data";
    }

    /** Messages per date and channel, one column per event type. */
    public String report1() {
        return root + "/gold/report1/data";
    }

    /** Interactions per user and channel, most active users first. */
    public String report2() {
        return root + "/gold/report2/data";
    }

    /** The three layers, to clear before a fresh run. */
    public List<String> layers() {
        return List.of(root + "/bronze", root + "/silver", root + "/gold");
    }
}
