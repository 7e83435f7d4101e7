package io.streamlab.cluster;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The last lines of a log file: what a user needs to see when a service died. */
public final class LogTail {

    private static final int MAX_BYTES = 64 * 1024;

    private LogTail() {
    }

    public static String lastLines(Path log, int count) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            long start = Math.max(0, length - MAX_BYTES);
            byte[] bytes = new byte[(int) (length - start)];
            file.seek(start);
            file.readFully(bytes);
            List<String> lines = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\r?\n"));
            List<String> tail = lines.subList(Math.max(0, lines.size() - count), lines.size());
            return String.join(System.lineSeparator(), tail);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }
}
