package io.streamlab.labs.social;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Optional;

/**
 * The seed's {@code parse_data_flat_map} and {@code extract_flat_map} in one step: parses a crawler
 * payload, finds its platform, and takes the post's time and author from where that platform puts
 * them. Never throws on bad input: a payload that is not JSON, lacks a field, names an unknown platform
 * or has an unreadable time comes back as a rejection with the reason, so one bad payload cannot stop
 * the stream.
 */
public final class CrawlerPayload {

    public static final String BROKEN_JSON = "broken JSON";
    public static final String MISSING_FIELD = "missing field ";
    public static final String UNKNOWN_PLATFORM = "unknown platform ";
    public static final String UNREADABLE_TIME = "unreadable time in ";

    // Thread safe once configured; one per executor JVM instead of one per payload.
    private static final ObjectMapper JSON = new ObjectMapper();

    private CrawlerPayload() {
    }

    /** The post in {@code payload}, or the reason it is rejected. */
    public static Extraction extract(String payload) {
        JsonNode root;
        try {
            root = payload == null ? null : JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            return Extraction.rejected(BROKEN_JSON, payload);
        }
        if (root == null || !root.isObject()) {
            return Extraction.rejected(BROKEN_JSON, payload); // empty, or JSON that is not an object
        }
        Optional<String> platformName = text(root, Platform.PLATFORM_FIELD);
        if (platformName.isEmpty()) {
            return Extraction.rejected(MISSING_FIELD + Platform.PLATFORM_FIELD, payload);
        }
        Optional<Platform> platform = Platform.named(platformName.get());
        if (platform.isEmpty()) {
            return Extraction.rejected(UNKNOWN_PLATFORM + platformName.get(), payload);
        }
        Optional<String> time = text(root, platform.get().timeField());
        if (time.isEmpty()) {
            return Extraction.rejected(MISSING_FIELD + platform.get().timeField(), payload);
        }
        Optional<String> userId = text(root, platform.get().userField());
        if (userId.isEmpty()) {
            return Extraction.rejected(MISSING_FIELD + platform.get().userField(), payload);
        }
        Instant instant;
        try {
            instant = platform.get().parseTime(time.get());
        } catch (DateTimeException e) {
            return Extraction.rejected(UNREADABLE_TIME + platform.get().timeField(), payload);
        }
        return Extraction.post(platform.get(), FiveMinuteBins.local(instant), userId.get(), payload);
    }

    /**
     * The text at a dotted path ({@code from.id}); empty when any step is missing or null. Numbers
     * count as text: Instagram's epoch seconds may come as a number as well as a string.
     */
    static Optional<String> text(JsonNode root, String path) {
        JsonNode node = root;
        for (String field : path.split("\\.")) {
            node = node.get(field);
            if (node == null || node.isNull()) {
                return Optional.empty();
            }
        }
        return node.isValueNode() && !node.asText().isEmpty() ? Optional.of(node.asText()) : Optional.empty();
    }
}
