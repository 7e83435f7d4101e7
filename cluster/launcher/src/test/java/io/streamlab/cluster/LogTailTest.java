package io.streamlab.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {

    @Test
    void lastLinesOfALongLog(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("kafka.log");
        Files.writeString(log,
                IntStream.rangeClosed(1, 5000).mapToObj(i -> "line " + i).collect(Collectors.joining("\n", "", "\n")));

        assertEquals(String.join(System.lineSeparator(), "line 4998", "line 4999", "line 5000"),
                LogTail.lastLines(log, 3));
    }

    @Test
    void missingLogSaysSo(@TempDir Path dir) {
        assertTrue(LogTail.lastLines(dir.resolve("none.log"), 3).contains("cannot read"));
    }
}
