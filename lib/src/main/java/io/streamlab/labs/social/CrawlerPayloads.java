package io.streamlab.labs.social;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * An endless, seedable stream of crawler payloads, one JSON text each, as the seed's crawler sent to
 * the topic {@code social_media}: posts from facebook, instagram, twitter and youtube, each in its
 * platform's own shape and time format, mixed with what real crawlers also deliver — cut-off JSON,
 * payloads missing a field, and platforms the stream does not know. Reading them is the lesson of
 * {@code social-media.ipynb}; this class only writes them:
 *
 * <pre>
 * facebook   created_time          2023-04-04T17:09:23+0000         from.id
 * instagram  created_time          1680628163 (epoch seconds)       user.id
 * twitter    created_at            Sat Nov 10 16:09:22 +0000 2012   user_id
 * youtube    snippet.publishedAt   2023-04-04T17:09:24Z             snippet.channelId
 * </pre>
 *
 * <p>The crawl starts at 2023-04-04T16:50:00Z (the seed's times) and moves a few seconds per
 * payload; each post was written up to four minutes before it was crawled, so a five-minute bin keeps
 * getting posts for a while. Each platform has {@value #USERS_PER_PLATFORM} authors, so authors
 * repeat within a bin and {@code unique_count} is below {@code count}.
 *
 * <pre>{@code
 * CrawlerPayloads.random(42).limit(3)
 * }</pre>
 */
public final class CrawlerPayloads implements Iterator<String> {

    public static final Instant CRAWL_START = Instant.parse("2023-04-04T16:50:00Z");
    public static final int USERS_PER_PLATFORM = 6;
    /** Out of 100 payloads, about: 80 posts, then these many of each kind of bad input. */
    public static final int BROKEN_JSON_PERCENT = 7;
    public static final int MISSING_FIELD_PERCENT = 7;
    public static final int UNKNOWN_PLATFORM_PERCENT = 6;
    public static final List<String> UNKNOWN_PLATFORMS = List.of("myspace", "friendster", "tiktok");

    /** Where every payload names its platform. */
    public static final String PLATFORM_FIELD = "crawler_target.specific_resource_type";

    /** The platforms the crawler reads: where each puts a post's time and author, and how it writes the time. */
    private enum Platform {
        FACEBOOK("facebook", "created_time", "from.id",
                DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx", Locale.ROOT)),
        INSTAGRAM("instagram", "created_time", "user.id", null),
        TWITTER("twitter", "created_at", "user_id",
                DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss xx yyyy", Locale.ENGLISH)),
        YOUTUBE("youtube", "snippet.publishedAt", "snippet.channelId",
                DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT));

        final String id;
        final String timeField;
        final String userField;
        /** null: whole seconds since the epoch, written as a string. */
        final DateTimeFormatter timeFormat;

        Platform(String id, String timeField, String userField, DateTimeFormatter timeFormat) {
            this.id = id;
            this.timeField = timeField;
            this.userField = userField;
            this.timeFormat = timeFormat;
        }

        /** A time as the platform's API writes it, in UTC. */
        String write(Instant time) {
            return timeFormat == null ? Long.toString(time.getEpochSecond())
                    : timeFormat.withZone(ZoneOffset.UTC).format(time);
        }
    }

    private static final List<String> WORDS = List.of("banjir", "jakarta", "macet", "hujan", "kopi", "bola",
            "mudik", "pemilu", "konser", "promo");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Random random;
    private final Map<Platform, List<String>> users = new EnumMap<>(Platform.class);
    private Instant clock = CRAWL_START;

    private CrawlerPayloads(long seed) {
        this.random = new Random(seed);
        for (Platform platform : Platform.values()) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < USERS_PER_PLATFORM; i++) {
                ids.add(letters(20));
            }
            users.put(platform, ids);
        }
    }

    /** The same seed gives the same payloads, in the same order. */
    public static CrawlerPayloads random(long seed) {
        return new CrawlerPayloads(seed);
    }

    @Override
    public boolean hasNext() {
        return true;
    }

    @Override
    public String next() {
        clock = clock.plusSeconds(2 + random.nextInt(9));
        Platform platform = Platform.values()[random.nextInt(Platform.values().length)];
        ObjectNode post = post(platform, clock.minusSeconds(random.nextInt(241)));
        int dice = random.nextInt(100);
        if (dice < BROKEN_JSON_PERCENT) {
            // A crawler cut off mid-payload: any proper prefix of an object leaves it unclosed.
            String text = post.toString();
            return text.substring(0, 1 + random.nextInt(text.length() - 2));
        }
        if (dice < BROKEN_JSON_PERCENT + MISSING_FIELD_PERCENT) {
            String[] fields = {PLATFORM_FIELD, platform.timeField, platform.userField};
            remove(post, fields[random.nextInt(fields.length)]);
        } else if (dice < BROKEN_JSON_PERCENT + MISSING_FIELD_PERCENT + UNKNOWN_PLATFORM_PERCENT) {
            ((ObjectNode) post.get("crawler_target"))
                    .put("specific_resource_type", UNKNOWN_PLATFORMS.get(random.nextInt(UNKNOWN_PLATFORMS.size())));
        }
        return post.toString();
    }

    /** The next {@code count} payloads. */
    public List<String> limit(int count) {
        List<String> payloads = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            payloads.add(next());
        }
        return payloads;
    }

    private ObjectNode post(Platform platform, Instant time) {
        String user = users.get(platform).get(random.nextInt(USERS_PER_PLATFORM));
        String written = platform.write(time);
        ObjectNode post = JSON.createObjectNode();
        switch (platform) {
            case FACEBOOK -> {
                post.put("id", digits(15) + "_" + digits(16));
                target(post, platform);
                post.put("created_time", written);
                post.putObject("from").put("id", user).put("name", words(2));
                post.put("message", words(6));
            }
            case INSTAGRAM -> {
                post.put("id", digits(19));
                target(post, platform);
                post.put("created_time", written);
                post.putObject("user").put("id", user).put("username", words(1));
                post.putObject("caption").put("text", words(5));
            }
            case TWITTER -> {
                post.put("id_str", digits(19));
                target(post, platform);
                post.put("created_at", written);
                post.put("user_id", user);
                post.put("text", words(8));
            }
            case YOUTUBE -> {
                post.put("kind", "youtube#video");
                post.put("id", letters(11));
                target(post, platform);
                post.putObject("snippet").put("publishedAt", written).put("channelId", user).put("title", words(4));
            }
        }
        return post;
    }

    private static void target(ObjectNode post, Platform platform) {
        post.putObject("crawler_target").put("specific_resource_type", platform.id);
    }

    /** Removes the field at a dotted path, or for a nested path sometimes its parent object. */
    private void remove(ObjectNode post, String path) {
        String[] steps = path.split("\\.");
        ObjectNode parent = post;
        if (steps.length > 1 && random.nextBoolean()) {
            post.remove(steps[0]);
            return;
        }
        for (int i = 0; i < steps.length - 1; i++) {
            parent = (ObjectNode) parent.get(steps[i]);
        }
        parent.remove(steps[steps.length - 1]);
    }

    private String letters(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) ('A' + random.nextInt(26)));
        }
        return text.toString();
    }

    private String digits(int length) {
        StringBuilder text = new StringBuilder(length);
        text.append((char) ('1' + random.nextInt(9)));
        for (int i = 1; i < length; i++) {
            text.append((char) ('0' + random.nextInt(10)));
        }
        return text.toString();
    }

    private String words(int count) {
        List<String> chosen = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            chosen.add(WORDS.get(random.nextInt(WORDS.size())));
        }
        return String.join(" ", chosen);
    }
}
