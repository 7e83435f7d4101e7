package io.streamlab.labs.social;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The generator's payloads read with plain Jackson: every platform's shape and time format, and the
 * kinds of bad input in about the planned shares. (Extracting posts is the notebook's lesson; its test
 * is tests/labs/test_social_media_notebook.py.)
 */
class CrawlerPayloadsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** platform: time field, author field. */
    private static final Map<String, List<String>> FIELDS = Map.of(
            "facebook", List.of("created_time", "from.id"),
            "instagram", List.of("created_time", "user.id"),
            "twitter", List.of("created_at", "user_id"),
            "youtube", List.of("snippet.publishedAt", "snippet.channelId"));

    @Test
    void theSameSeedGivesTheSamePayloads() {
        assertEquals(CrawlerPayloads.random(7).limit(50), CrawlerPayloads.random(7).limit(50));
        assertNotEquals(CrawlerPayloads.random(7).limit(50), CrawlerPayloads.random(8).limit(50));
    }

    @Test
    void postsOfEveryPlatformMixedWithEveryKindOfBadInput() {
        Map<String, Integer> kinds = new HashMap<>();
        Map<String, Set<String>> authors = new HashMap<>();
        for (String payload : CrawlerPayloads.random(42).limit(2000)) {
            String kind = kind(payload, authors);
            kinds.merge(kind, 1, Integer::sum);
        }
        for (String platform : FIELDS.keySet()) {
            assertTrue(kinds.getOrDefault(platform, 0) > 300, kinds.toString());
            assertEquals(CrawlerPayloads.USERS_PER_PLATFORM, authors.get(platform).size());
        }
        // About 7 %, 7 % and 6 % of 2000.
        assertBetween(kinds.get("broken JSON"), 100, 190, kinds);
        assertBetween(kinds.get("missing field"), 100, 190, kinds);
        assertBetween(kinds.get("unknown platform"), 80, 170, kinds);
        assertEquals(FIELDS.size() + 3, kinds.size(), kinds.toString());
    }

    @Test
    void postTimesFollowTheCrawlAFewMinutesLate() {
        Instant previous = null;
        for (String payload : CrawlerPayloads.random(3).limit(300)) {
            JsonNode post = object(payload);
            String platform = post == null ? null : text(post, CrawlerPayloads.PLATFORM_FIELD);
            if (platform == null || !FIELDS.containsKey(platform) || text(post, FIELDS.get(platform).get(0)) == null) {
                continue;
            }
            Instant time = time(platform, text(post, FIELDS.get(platform).get(0)));
            assertTrue(time.isAfter(CrawlerPayloads.CRAWL_START.minus(Duration.ofMinutes(5))), payload);
            assertTrue(time.isBefore(CrawlerPayloads.CRAWL_START.plusSeconds(300 * 10)), payload);
            if (previous != null) {
                // Written up to four minutes before it was crawled, a few seconds after the last crawl.
                assertTrue(Duration.between(previous, time).abs().compareTo(Duration.ofMinutes(5)) < 0, payload);
            }
            previous = time;
        }
        assertNotNull(previous);
    }

    /** The platform of a post, or the kind of bad input. */
    private static String kind(String payload, Map<String, Set<String>> authors) {
        JsonNode root = object(payload);
        if (root == null) {
            return "broken JSON";
        }
        String platform = text(root, CrawlerPayloads.PLATFORM_FIELD);
        if (platform == null) {
            return "missing field";
        }
        if (!FIELDS.containsKey(platform)) {
            assertTrue(CrawlerPayloads.UNKNOWN_PLATFORMS.contains(platform), platform);
            return "unknown platform";
        }
        String time = text(root, FIELDS.get(platform).get(0));
        String author = text(root, FIELDS.get(platform).get(1));
        if (time == null || author == null) {
            return "missing field";
        }
        time(platform, time); // never a time the platform would not write
        authors.computeIfAbsent(platform, k -> new HashSet<>()).add(author);
        return platform;
    }

    private static Instant time(String platform, String text) {
        return switch (platform) {
            case "facebook" -> OffsetDateTime.parse(text, DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx"))
                    .toInstant();
            case "instagram" -> Instant.ofEpochSecond(Long.parseLong(text));
            case "twitter" -> ZonedDateTime.parse(text,
                    DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss xx yyyy", Locale.ENGLISH)).toInstant();
            default -> Instant.parse(text);
        };
    }

    private static JsonNode object(String payload) {
        try {
            JsonNode root = JSON.readTree(payload);
            return root != null && root.isObject() ? root : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String text(JsonNode root, String path) {
        JsonNode node = root;
        for (String step : path.split("\\.")) {
            node = node.get(step);
            if (node == null || node.isNull()) {
                return null;
            }
        }
        return node.isValueNode() && !node.asText().isEmpty() ? node.asText() : null;
    }

    private static void assertBetween(Integer value, int low, int high, Object context) {
        assertTrue(value != null && value >= low && value <= high, value + " not in [" + low + ", " + high + "]: "
                + context);
    }
}
