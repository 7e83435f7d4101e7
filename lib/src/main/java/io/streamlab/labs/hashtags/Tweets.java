package io.streamlab.labs.hashtags;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Generated tweets standing in for the seed's live Twitter stream: a few words and one to three
 * hashtags each. Hashtags follow a Zipf law, as real ones do — the most popular is about twice as
 * frequent as the second, three times the third — so a top ten has a clear head and a long tail.
 * The same seed gives the same tweets.
 */
public final class Tweets implements Iterator<String> {

    /** Hashtags by popularity rank: {@code HASHTAGS.get(0)} is the most frequent. */
    public static final List<String> HASHTAGS = List.of(
            "#bigdata", "#spark", "#kafka", "#ai", "#python", "#java", "#datascience", "#cloud",
            "#streaming", "#ml", "#hadoop", "#sql", "#devops", "#iot", "#analytics", "#opensource",
            "#scala", "#docker", "#kubernetes", "#deeplearning", "#nlp", "#etl", "#lambda", "#jupyter",
            "#linux", "#security", "#blockchain", "#robotics", "#edge", "#serverless");

    private static final List<String> WORDS = List.of(
            "today", "new", "release", "streaming", "data", "pipeline", "learned", "about", "great", "talk",
            "on", "why", "how", "we", "moved", "to", "real-time", "dashboards", "love", "this", "tutorial",
            "the", "cluster", "is", "finally", "up", "benchmark", "results", "check", "out", "our", "team");

    private final Random random;
    private final double[] cumulative;

    private Tweets(long seed) {
        this.random = new Random(seed);
        this.cumulative = new double[HASHTAGS.size()];
        double total = 0;
        for (int rank = 1; rank <= HASHTAGS.size(); rank++) {
            total += 1.0 / rank;
            cumulative[rank - 1] = total;
        }
        for (int i = 0; i < cumulative.length; i++) {
            cumulative[i] /= total;
        }
    }

    public static Tweets seeded(long seed) {
        return new Tweets(seed);
    }

    @Override
    public boolean hasNext() {
        return true;
    }

    /** A tweet like {@code "great talk on streaming data #spark #bigdata"}. */
    @Override
    public String next() {
        List<String> tokens = new ArrayList<>();
        int words = 3 + random.nextInt(6);
        for (int i = 0; i < words; i++) {
            tokens.add(WORDS.get(random.nextInt(WORDS.size())));
        }
        // A tweet names a hashtag once, however popular.
        Set<String> tags = new LinkedHashSet<>();
        int count = 1 + random.nextInt(3);
        while (tags.size() < count) {
            tags.add(hashtag());
        }
        tokens.addAll(tags);
        return String.join(" ", tokens);
    }

    public List<String> limit(int count) {
        List<String> tweets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            tweets.add(next());
        }
        return tweets;
    }

    private String hashtag() {
        double draw = random.nextDouble();
        for (int i = 0; i < cumulative.length; i++) {
            if (draw < cumulative[i]) {
                return HASHTAGS.get(i);
            }
        }
        return HASHTAGS.get(HASHTAGS.size() - 1);
    }
}
