package io.streamlab.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

    @TempDir
    Path directory;

    /** What a crash between writing and renaming leaves behind, simulated in-process. */
    @Test
    void writesReplacesAndReads() throws IOException {
        AtomicFile file = new AtomicFile(directory.resolve("partition-0.json"));
        assertTrue(file.read().isEmpty());
        file.write(bytes("first"));
        file.write(bytes("second, longer than the first"));
        file.write(bytes("third"));
        assertArrayEquals(bytes("third"), file.read().orElseThrow());
        assertFalse(Files.exists(file.temporaryPath()), "no temporary file left behind");
    }

    @Test
    void aCrashBeforeTheRenameLeavesTheOldContentWhole() throws IOException {
        Path path = directory.resolve("partition-3.json");
        AtomicFile file = new AtomicFile(path);
        file.write(bytes("old"));
        // What a process killed between writing the temporary file and the rename leaves behind.
        Files.write(file.temporaryPath(), bytes("new, half writ"));
        assertArrayEquals(bytes("old"), new AtomicFile(path).read().orElseThrow());
        new AtomicFile(path).write(bytes("after restart"));
        assertArrayEquals(bytes("after restart"), new AtomicFile(path).read().orElseThrow());
        assertFalse(Files.exists(file.temporaryPath()));
    }

    @Test
    void aReaderNeverSeesATornFile() throws Exception {
        Path path = directory.resolve("partition-1.json");
        AtomicFile file = new AtomicFile(path);
        String small = "x".repeat(10);
        String large = "y".repeat(200_000);
        file.write(bytes(small));
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong reads = new AtomicLong();
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                try {
                    String content = new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
                    if (!content.equals(small) && !content.equals(large)) {
                        throw new AssertionError("torn read of " + content.length() + " characters");
                    }
                    reads.incrementAndGet();
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }
        });
        AtomicBoolean readerFailed = new AtomicBoolean();
        reader.setUncaughtExceptionHandler((t, e) -> readerFailed.set(true));
        reader.start();
        for (int i = 0; i < 100; i++) {
            file.write(bytes(i % 2 == 0 ? large : small));
        }
        done.set(true);
        reader.join();
        assertFalse(readerFailed.get(), "the reader saw a torn file");
        assertTrue(reads.get() > 0);
    }

    @Test
    void deleteRemovesTheFileAndALeftoverTemporary() throws IOException {
        Path path = directory.resolve("partition-2.json");
        AtomicFile file = new AtomicFile(path);
        file.write(bytes("content"));
        Files.write(file.temporaryPath(), bytes("leftover"));
        assertTrue(file.delete());
        assertFalse(Files.exists(path));
        assertFalse(Files.exists(file.temporaryPath()));
        assertFalse(file.delete());
    }

    @Test
    void createsTheDirectory() throws IOException {
        AtomicFile file = new AtomicFile(directory.resolve("snapshots/today/partition-5.json"));
        file.write(bytes("content"));
        assertEquals("content", new String(file.read().orElseThrow(), StandardCharsets.UTF_8));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aFullDiskIsNamedAndTheLastVersionStays() throws IOException {
        Path path = directory.resolve("partition-2.json");
        AtomicFile file = new AtomicFile(path);
        file.write(bytes("saved"));
        // Every write to /dev/full fails with ENOSPC, as on a full disk.
        Files.createSymbolicLink(file.temporaryPath(), Path.of("/dev/full"));
        IOException error = assertThrows(IOException.class, () -> file.write(bytes("lost")));
        assertEquals("Cannot save " + path + ": No space left on device — its last saved version is left as it was",
                error.getMessage());
        assertArrayEquals(bytes("saved"), file.read().orElseThrow());
    }

    @Test
    void aDirectoryThatIsAFileIsNamed() throws IOException {
        Path notADirectory = Files.writeString(directory.resolve("snapshots"), "a file");
        IOException error = assertThrows(IOException.class,
                () -> new AtomicFile(notADirectory.resolve("partition-0.json")).write(bytes("x")));
        assertTrue(error.getMessage().startsWith("Cannot save " + notADirectory.resolve("partition-0.json") + ": "
                + notADirectory + " exists and is not a directory"), error.getMessage());
        assertEquals("a file", Files.readString(notADirectory));
    }
}
