package io.streamlab.labs.hashtags;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TweetsTest {

    @Test
    void theSameSeedGivesTheSameTweets() {
        assertEquals(Tweets.seeded(3).limit(30), Tweets.seeded(3).limit(30));
        assertNotEquals(Tweets.seeded(3).limit(30), Tweets.seeded(4).limit(30));
    }

    @Test
    void hashtagsAreDistinctPerTweetAndFollowTheirRanks() {
        Map<String, Integer> counts = new HashMap<>();
        for (String tweet : Tweets.seeded(1).limit(5000)) {
            List<String> tags = Arrays.stream(tweet.split(" ")).filter(word -> word.startsWith("#")).toList();
            assertTrue(tags.size() >= 1 && tags.size() <= 3, tweet);
            assertEquals(tags.size(), tags.stream().distinct().count(), tweet);
            tags.forEach(tag -> counts.merge(tag, 1, Integer::sum));
        }
        int first = counts.get(Tweets.HASHTAGS.get(0));
        int second = counts.get(Tweets.HASHTAGS.get(1));
        int tenth = counts.get(Tweets.HASHTAGS.get(9));
        assertTrue(first > second && second > tenth, counts.toString());
        assertTrue(first > 3 * tenth, "a Zipf head is much taller than rank 10: " + counts);
    }

    @Test
    void theWindowIsAMultipleOfTheSlide() {
        HashtagSettings settings = HashtagSettings.fromEnvironment(Map.of(HashtagSettings.WINDOW, "4s",
                HashtagSettings.SLIDE, "2s", HashtagSettings.TWEETS, "100"));
        assertEquals(Duration.ofSeconds(4), settings.windowLength());
        assertEquals(100, settings.tweets());
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> HashtagSettings.fromEnvironment(
                Map.of(HashtagSettings.WINDOW, "5s", HashtagSettings.SLIDE, "2s")));
        assertTrue(error.getMessage().contains(HashtagSettings.SLIDE), error.getMessage());
    }

    @Test
    void theReplayEndsAfterItsTweetsAndRecordsEachWithItsTime(@TempDir Path dir) throws Exception {
        Path record = dir.resolve("sent.tsv");
        HashtagSettings settings = HashtagSettings.fromEnvironment(Map.of(HashtagSettings.TWEETS, "3",
                HashtagSettings.SEED, "5", HashtagSettings.RECORD_FILE, record.toString()));
        List<String> sent = new java.util.ArrayList<>();
        long before = System.currentTimeMillis();
        try (TweetReplay replay = TweetReplay.of(settings)) {
            while (replay.hasNext()) {
                sent.add(replay.next());
            }
            assertFalse(replay.hasNext());
        }
        assertEquals(Tweets.seeded(5).limit(3), sent);
        List<String> lines = Files.readAllLines(record);
        assertEquals(3, lines.size());
        for (int i = 0; i < 3; i++) {
            String[] fields = lines.get(i).split("\t", 2);
            assertTrue(Long.parseLong(fields[0]) >= before, lines.get(i));
            assertEquals(sent.get(i), fields[1]);
        }
    }
}
