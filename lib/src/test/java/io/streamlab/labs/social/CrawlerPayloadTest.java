package io.streamlab.labs.social;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CrawlerPayloadTest {

    private static final String TARGET = "\"crawler_target\":{\"specific_resource_type\":\"%s\"}";

    private static String payload(String platform, String fields) {
        return "{" + String.format(TARGET, platform) + "," + fields + "}";
    }

    private static void assertPost(String payload, String platform, String localTime, String userId, String key) {
        Extraction post = CrawlerPayload.extract(payload);
        assertTrue(post.isPost(), post.toString());
        assertEquals(platform, post.getPlatform());
        assertEquals(LocalDateTime.parse(localTime), post.getLocalTime());
        assertEquals(userId, post.getUserId());
        assertEquals(key, post.getKey());
        assertEquals(payload, post.getPayload());
    }

    private static void assertRejected(String payload, String reason) {
        Extraction rejected = CrawlerPayload.extract(payload);
        assertFalse(rejected.isPost(), rejected.toString());
        assertEquals(reason, rejected.getReason());
        assertEquals(payload, rejected.getPayload());
    }

    @Test
    void eachPlatformsShapeAndTimeFormatAsInTheSeed() {
        // The seed's example times, all UTC; in UTC+7 they fall after midnight of the next day.
        assertPost(payload("facebook", "\"created_time\":\"2023-04-04T17:09:23+0000\",\"from\":{\"id\":\"QJELCOCJYXPVVNMKZBOE\"}"),
                "facebook", "2023-04-05T00:09:23", "QJELCOCJYXPVVNMKZBOE", "facebook;2023-04-05T00:05:00");
        assertPost(payload("instagram", "\"created_time\":\"1680628163\",\"user\":{\"id\":\"MXSZEKQMAAQULOEAHCPN\"}"),
                "instagram", "2023-04-05T00:09:23", "MXSZEKQMAAQULOEAHCPN", "instagram;2023-04-05T00:05:00");
        assertPost(payload("twitter", "\"created_at\":\"Sat Nov 10 16:09:22 +0000 2012\",\"user_id\":\"GGYFPIBGLMUIXSEOYHRP\""),
                "twitter", "2012-11-10T23:09:22", "GGYFPIBGLMUIXSEOYHRP", "twitter;2012-11-10T23:05:00");
        assertPost(payload("youtube", "\"snippet\":{\"publishedAt\":\"2023-04-04T10:04:59Z\",\"channelId\":\"GXZXOAYWEFCORHECIZUT\"}"),
                "youtube", "2023-04-04T17:04:59", "GXZXOAYWEFCORHECIZUT", "youtube;2023-04-04T17:00:00");
    }

    @Test
    void anOffsetOtherThanUtcIsHonoured() {
        assertPost(payload("facebook", "\"created_time\":\"2023-04-05T00:09:23+0700\",\"from\":{\"id\":\"U\"}"),
                "facebook", "2023-04-05T00:09:23", "U", "facebook;2023-04-05T00:05:00");
    }

    @Test
    void instagramSecondsMayComeAsANumber() {
        assertPost(payload("instagram", "\"created_time\":1680628163,\"user\":{\"id\":\"U\"}"),
                "instagram", "2023-04-05T00:09:23", "U", "instagram;2023-04-05T00:05:00");
    }

    @Test
    void brokenJsonIsRejectedNotThrown() {
        assertRejected("{\"crawler_target\":{\"specific_resource_type\":\"face", "broken JSON");
        assertRejected("", "broken JSON");
        assertRejected("[1, 2]", "broken JSON");
        assertRejected("42", "broken JSON");
        assertRejected(null, "broken JSON");
    }

    @Test
    void aMissingFieldIsNamedByItsPath() {
        assertRejected("{\"created_time\":\"1680628163\"}", "missing field crawler_target.specific_resource_type");
        assertRejected("{\"crawler_target\":{}}", "missing field crawler_target.specific_resource_type");
        assertRejected(payload("facebook", "\"from\":{\"id\":\"U\"}"), "missing field created_time");
        assertRejected(payload("facebook", "\"created_time\":\"2023-04-04T17:09:23+0000\""), "missing field from.id");
        assertRejected(payload("instagram", "\"created_time\":\"1\",\"user\":{}"), "missing field user.id");
        assertRejected(payload("twitter", "\"created_at\":\"Sat Nov 10 16:09:22 +0000 2012\",\"user_id\":null"),
                "missing field user_id");
        assertRejected(payload("youtube", "\"snippet\":{\"channelId\":\"C\"}"), "missing field snippet.publishedAt");
        assertRejected(payload("youtube", "\"snippet\":\"flat\""), "missing field snippet.publishedAt");
    }

    @Test
    void anUnknownPlatformIsNamed() {
        assertRejected(payload("myspace", "\"created_time\":\"1680628163\""), "unknown platform myspace");
        assertRejected(payload("Facebook", "\"created_time\":\"1680628163\""), "unknown platform Facebook");
    }

    @Test
    void aTimeNotInThePlatformsFormatIsRejected() {
        assertRejected(payload("instagram", "\"created_time\":\"yesterday\",\"user\":{\"id\":\"U\"}"),
                "unreadable time in created_time");
        assertRejected(payload("twitter", "\"created_at\":\"2023-04-04T17:09:23Z\",\"user_id\":\"U\""),
                "unreadable time in created_at");
        assertRejected(payload("youtube", "\"snippet\":{\"publishedAt\":\"2023-04-04 17:09:24\",\"channelId\":\"C\"}"),
                "unreadable time in snippet.publishedAt");
    }
}
