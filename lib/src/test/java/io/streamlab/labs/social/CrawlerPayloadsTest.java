package io.streamlab.labs.social;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CrawlerPayloadsTest {

    @Test
    void theSameSeedGivesTheSamePayloads() {
        assertEquals(CrawlerPayloads.random(7).limit(50), CrawlerPayloads.random(7).limit(50));
        assertNotEquals(CrawlerPayloads.random(7).limit(50), CrawlerPayloads.random(8).limit(50));
    }

    @Test
    void postsOfEveryPlatformMixedWithEveryKindOfBadInput() {
        List<String> payloads = CrawlerPayloads.random(42).limit(2000);
        Map<String, Integer> kinds = new HashMap<>();
        Map<String, Set<String>> authors = new HashMap<>();
        Set<String> reasons = new HashSet<>();
        for (String payload : payloads) {
            Extraction extraction = CrawlerPayload.extract(payload);
            String kind;
            if (extraction.isPost()) {
                kind = extraction.getPlatform();
                authors.computeIfAbsent(kind, k -> new HashSet<>()).add(extraction.getUserId());
            } else {
                reasons.add(extraction.getReason());
                kind = extraction.getReason().startsWith("missing field") ? "missing field"
                        : extraction.getReason().startsWith("unknown platform") ? "unknown platform"
                        : extraction.getReason();
            }
            kinds.merge(kind, 1, Integer::sum);
        }
        for (Platform platform : Platform.values()) {
            assertTrue(kinds.getOrDefault(platform.id(), 0) > 300, kinds.toString());
            assertEquals(CrawlerPayloads.USERS_PER_PLATFORM, authors.get(platform.id()).size());
        }
        // About 7 %, 7 % and 6 % of 2000; never a time the stream cannot read.
        assertBetween(kinds.get("broken JSON"), 100, 190, kinds);
        assertBetween(kinds.get("missing field"), 100, 190, kinds);
        assertBetween(kinds.get("unknown platform"), 80, 170, kinds);
        assertEquals(Set.of("broken JSON", "unknown platform myspace", "unknown platform friendster",
                "unknown platform tiktok", "missing field crawler_target.specific_resource_type",
                "missing field created_time", "missing field from.id", "missing field user.id",
                "missing field created_at", "missing field user_id", "missing field snippet.publishedAt",
                "missing field snippet.channelId"), reasons);
    }

    @Test
    void postTimesFollowTheCrawlFewMinutesLate() {
        LocalDateTime start = FiveMinuteBins.local(CrawlerPayloads.CRAWL_START);
        LocalDateTime previousLatest = start;
        int sameBinAsPrevious = 0;
        String previousKey = null;
        for (String payload : CrawlerPayloads.random(3).limit(300)) {
            Extraction post = CrawlerPayload.extract(payload);
            if (!post.isPost()) {
                continue;
            }
            assertTrue(post.getLocalTime().isAfter(start.minusMinutes(5)), post.toString());
            assertTrue(post.getLocalTime().isBefore(start.plus(Duration.ofSeconds(300 * 10))), post.toString());
            if (post.getLocalTime().isAfter(previousLatest)) {
                previousLatest = post.getLocalTime();
            }
            sameBinAsPrevious += post.getKey().equals(previousKey) ? 1 : 0;
            previousKey = post.getKey();
        }
        // Bins keep getting posts for a while: consecutive posts often share one.
        assertTrue(sameBinAsPrevious > 10, "only " + sameBinAsPrevious + " consecutive posts shared a bin");
    }

    private static void assertBetween(Integer value, int low, int high, Object context) {
        assertTrue(value != null && value >= low && value <= high, value + " not in [" + low + ", " + high + "]: " + context);
    }
}
