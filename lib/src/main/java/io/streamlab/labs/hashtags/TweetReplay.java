package io.streamlab.labs.hashtags;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The tweets the notebook's socket server sends, standing in for the seed's live Twitter stream:
 * {@link Tweets} with the settings' seed, {@code settings.tweets()} of them (0: without end). With a
 * record file ({@code STREAMLAB_HASHTAGS_RECORD}), each tweet is appended there as
 * {@code <epoch ms>\t<tweet>} when it is handed out, just before it is sent — so a test can check the
 * notebook's top ten against what was really sent, and when.
 */
public final class TweetReplay implements Iterator<String>, AutoCloseable {

    private final Tweets tweets;
    private final long limit;
    private final Writer record;
    private long handedOut;

    private TweetReplay(Tweets tweets, long limit, Writer record) {
        this.tweets = tweets;
        this.limit = limit;
        this.record = record;
    }

    public static TweetReplay of(HashtagSettings settings) {
        Writer record = null;
        if (settings.recordFile().isPresent()) {
            try {
                record = Files.newBufferedWriter(settings.recordFile().get(), StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the tweet record " + settings.recordFile().get()
                        + " (" + HashtagSettings.RECORD_FILE + "): " + e.getMessage(), e);
            }
        }
        return new TweetReplay(Tweets.seeded(settings.seed()), settings.tweets(), record);
    }

    @Override
    public boolean hasNext() {
        return limit == 0 || handedOut < limit;
    }

    @Override
    public String next() {
        if (!hasNext()) {
            throw new NoSuchElementException("all " + limit + " tweets were handed out");
        }
        String tweet = tweets.next();
        handedOut++;
        if (record != null) {
            try {
                record.write(System.currentTimeMillis() + "\t" + tweet + "\n");
                record.flush(); // a test reads the record while the notebook still runs or after it was killed
            } catch (IOException e) {
                throw new UncheckedIOException("cannot record a tweet: " + e.getMessage(), e);
            }
        }
        return tweet;
    }

    /** Tweets handed out so far. */
    public long handedOut() {
        return handedOut;
    }

    /** Closes the record file, if any. */
    @Override
    public void close() {
        if (record != null) {
            try {
                record.close();
            } catch (IOException ignored) {
                // every line was flushed when written; nothing is lost
            }
        }
    }
}
