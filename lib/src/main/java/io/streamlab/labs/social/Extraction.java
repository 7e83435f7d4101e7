package io.streamlab.labs.social;

import org.apache.spark.api.java.function.MapFunction;

import java.io.Serializable;
import java.time.LocalDateTime;

/**
 * What one crawler payload yields: a post — its platform, its time in UTC+7, its author and the
 * {@code platform;bin} key it is counted under — or the reason it was rejected. A Java bean, so Spark
 * can hold it in a {@code Dataset<Extraction>} ({@code Encoders.bean(Extraction.class)}).
 */
public class Extraction implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The key a post is counted under, as a Spark function for {@code groupByKey}. */
    public static final MapFunction<Extraction, String> KEY = Extraction::getKey;
    /** The reason a payload was rejected, as a Spark function for {@code groupByKey}. */
    public static final MapFunction<Extraction, String> REASON = Extraction::getReason;

    private String platform;
    private LocalDateTime localTime;
    private String userId;
    private String key;
    private String reason;
    private String payload;

    /** For Spark's bean encoder. */
    public Extraction() {
    }

    public static Extraction post(Platform platform, LocalDateTime localTime, String userId, String payload) {
        Extraction post = new Extraction();
        post.platform = platform.id();
        post.localTime = localTime;
        post.userId = userId;
        post.key = FiveMinuteBins.key(platform, FiveMinuteBins.bin(localTime));
        post.payload = payload;
        return post;
    }

    public static Extraction rejected(String reason, String payload) {
        Extraction rejected = new Extraction();
        rejected.reason = reason;
        rejected.payload = payload;
        return rejected;
    }

    /** False when the payload was rejected; then only {@link #getReason} and {@link #getPayload} are set. */
    public boolean isPost() {
        return reason == null;
    }

    public String getPlatform() {
        return platform;
    }

    public void setPlatform(String platform) {
        this.platform = platform;
    }

    /** The post's time on the clock in UTC+7. */
    public LocalDateTime getLocalTime() {
        return localTime;
    }

    public void setLocalTime(LocalDateTime localTime) {
        this.localTime = localTime;
    }

    public String getUserId() {
        return userId;
    }

    public void setUserId(String userId) {
        this.userId = userId;
    }

    /** {@code platform;bin}, e.g. {@code facebook;2023-04-05T00:05:00}. */
    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    /** Why the payload was rejected ({@code broken JSON}, {@code missing field from.id}, …); null for a post. */
    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    /** The payload as it arrived. */
    public String getPayload() {
        return payload;
    }

    public void setPayload(String payload) {
        this.payload = payload;
    }

    @Override
    public String toString() {
        return isPost()
                ? String.format("%-9s %s  user %s  -> %s", platform, localTime, userId, key)
                : "rejected: " + reason;
    }
}
