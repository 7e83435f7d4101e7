package io.streamlab.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;

/**
 * A file whose content is always either the old version or the new one, never a mix: a new version is
 * written to {@code NAME.tmp}, forced to the disk, renamed over {@code NAME}, and the directory entry
 * forced too. A reader (the dashboard) never sees a torn file; a crash (even of the machine) loses at
 * most the version being written, and leaves at most a stale {@code NAME.tmp} that the next write
 * replaces.
 *
 * <pre>{@code
 * new AtomicFile(Path.of("partition-3.json")).write(bytes);   // the seed's "write F.txt.tmp, rename to F.txt"
 * }</pre>
 */
public final class AtomicFile {

    /**
     * Test-only (tests/faults): ms to wait between the write and the rename, so a test can SIGKILL a
     * process exactly there — a window of microseconds otherwise, which freezing the process cannot
     * catch reliably (a rename already under way completes). Unset: no pause.
     */
    private static final long PAUSE_BEFORE_RENAME_MS =
            Long.parseLong(Objects.requireNonNullElse(System.getenv("STREAMLAB_TEST_PAUSE_BEFORE_RENAME_MS"), "0"));

    private final Path path;
    private final Path temporary;

    public AtomicFile(Path path) {
        this.path = path.toAbsolutePath().normalize();
        this.temporary = this.path.resolveSibling(this.path.getFileName() + ".tmp");
    }

    public Path path() {
        return path;
    }

    public Path temporaryPath() {
        return temporary;
    }

    /** The current content, or empty if the file does not exist (a leftover {@code .tmp} is ignored). */
    public Optional<byte[]> read() throws IOException {
        try {
            return Optional.of(Files.readAllBytes(path));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /**
     * Replaces the content with {@code content} atomically and durably. A failure (disk full, no
     * permission, the directory is a file) says which file and why, and leaves its last version as it was.
     */
    public void write(byte[] content) throws IOException {
        try {
            writeTemporaryAndRename(content);
        } catch (IOException e) {
            throw new IOException("Cannot save " + path + ": " + reason(e) + " — its last saved version is left as it was", e);
        }
        try {
            forceDirectory(path.getParent());
        } catch (IOException e) {
            throw new IOException("Saved " + path + " but cannot force its directory to the disk: " + reason(e)
                    + " — a machine crash now could bring back the last version", e);
        }
    }

    private void writeTemporaryAndRename(byte[] content) throws IOException {
        Files.createDirectories(path.getParent());
        try (FileChannel channel = FileChannel.open(temporary,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            // The data must be on the disk before the rename makes it the file, or a machine crash
            // could leave the new name pointing at empty blocks.
            channel.force(true);
        }
        if (PAUSE_BEFORE_RENAME_MS > 0) {
            try {
                Thread.sleep(PAUSE_BEFORE_RENAME_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // rename(2): readers see the old inode or the new one, never a partly written file.
        Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** What went wrong, in words: the JDK's file exceptions often carry nothing but a path. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException denied) {
            return "permission denied on " + denied.getFile();
        }
        if (e instanceof FileAlreadyExistsException exists) {
            return exists.getFile() + " exists and is not a directory";
        }
        if (e instanceof NoSuchFileException missing) {
            return missing.getFile() + " does not exist";
        }
        if (e instanceof FileSystemException failure) {
            return (failure.getReason() != null ? failure.getReason() : failure.getClass().getSimpleName())
                    + " (" + failure.getFile() + ")";
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    /** Deletes the file and any leftover temporary file; true if the file existed. */
    public boolean delete() throws IOException {
        Files.deleteIfExists(temporary);
        boolean existed = Files.deleteIfExists(path);
        forceDirectory(path.getParent());
        return existed;
    }

    /** Makes the rename itself durable: the new directory entry is on the disk, not just in the page cache. */
    private static void forceDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms (Windows) cannot open a directory; there the rename is as durable as it gets.
            if (!System.getProperty("os.name", "").toLowerCase().startsWith("windows")) {
                throw e;
            }
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
