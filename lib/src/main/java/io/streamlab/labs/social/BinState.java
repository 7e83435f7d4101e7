package io.streamlab.labs.social;

import java.io.Serializable;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The running record of one {@code platform;bin}, kept by Spark from batch to batch — the seed's
 * {@code {"count", "unique_count", "user_ids", "created_at", "updated_at"}}. A Java bean, so Spark can
 * store it in its state store ({@code Encoders.bean(BinState.class)}).
 */
public class BinState implements Serializable {

    private static final long serialVersionUID = 1L;

    private String key;
    private long count;
    private long uniqueCount;
    private List<String> userIds = new ArrayList<>();
    private LocalDateTime createdAt;
    private LocalDateTime updatedAt;

    /** For Spark's bean encoder. */
    public BinState() {
    }

    /** A bin seen for the first time, {@code now}. */
    public static BinState created(String key, LocalDateTime now) {
        BinState state = new BinState();
        state.key = key;
        state.createdAt = now;
        state.updatedAt = now;
        return state;
    }

    /**
     * The seed's {@code update_function} for one batch: every post counts, an author counts once
     * however often they post, and {@code updated_at} moves to {@code now}. Returns this state.
     */
    public BinState add(Iterator<String> userIdsOfBatch, LocalDateTime now) {
        // A set for the membership test; the list keeps the order authors first appeared in.
        Set<String> known = new LinkedHashSet<>(userIds);
        while (userIdsOfBatch.hasNext()) {
            count++;
            known.add(userIdsOfBatch.next());
        }
        userIds = new ArrayList<>(known);
        uniqueCount = userIds.size();
        updatedAt = now;
        return this;
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    /** Posts in this bin so far. */
    public long getCount() {
        return count;
    }

    public void setCount(long count) {
        this.count = count;
    }

    /** Different authors in this bin so far. */
    public long getUniqueCount() {
        return uniqueCount;
    }

    public void setUniqueCount(long uniqueCount) {
        this.uniqueCount = uniqueCount;
    }

    /** The authors, in the order they first posted in this bin. */
    public List<String> getUserIds() {
        return userIds;
    }

    public void setUserIds(List<String> userIds) {
        this.userIds = userIds == null ? new ArrayList<>() : new ArrayList<>(userIds);
    }

    /** When the stream first saw this bin (UTC+7). */
    public LocalDateTime getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(LocalDateTime createdAt) {
        this.createdAt = createdAt;
    }

    /** When a batch last added posts to this bin (UTC+7). */
    public LocalDateTime getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(LocalDateTime updatedAt) {
        this.updatedAt = updatedAt;
    }

    @Override
    public String toString() {
        return key + " {count " + count + ", unique_count " + uniqueCount + ", user_ids " + userIds
                + ", created_at " + createdAt + ", updated_at " + updatedAt + "}";
    }
}
