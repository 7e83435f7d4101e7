package io.streamlab.labs.hashtags;

import io.streamlab.labs.LineServer;

/**
 * The seed's {@code read.py} without Twitter: a TCP server on 127.0.0.1 that replays generated tweets,
 * one per line, to every client that connects. With a record file, every tweet sent is also appended
 * there as {@code <connection>\t<epoch ms>\t<tweet>}.
 */
public final class TweetServer implements AutoCloseable {

    private final LineServer server;

    private TweetServer(LineServer server) {
        this.server = server;
    }

    public static TweetServer start(HashtagSettings settings) {
        return new TweetServer(LineServer.start("TweetServer", () -> Tweets.seeded(settings.seed()),
                settings.tweets(), settings.pause(), settings.port(), HashtagSettings.PORT, settings.recordFile()));
    }

    public String host() {
        return server.host();
    }

    public int port() {
        return server.port();
    }

    public long sent() {
        return server.sent();
    }

    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return server.toString();
    }
}
