package io.streamlab.summary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code partition-N.json} files of one directory: where consumers keep their snapshots and a
 * dashboard reads them.
 */
public final class SnapshotStore {

    private static final Pattern FILE_NAME = Pattern.compile("partition-(\\d+)\\.json");

    private final Path directory;
    private final AtomicFile.BeforeRename beforeRename;

    public SnapshotStore(Path directory) {
        this(directory, AtomicFile.BeforeRename.NOTHING);
    }

    /** A store whose writes run {@code beforeRename} between the temporary file and the rename (tests). */
    public SnapshotStore(Path directory, AtomicFile.BeforeRename beforeRename) {
        this.directory = directory.toAbsolutePath().normalize();
        this.beforeRename = Objects.requireNonNull(beforeRename, "beforeRename");
    }

    public Path directory() {
        return directory;
    }

    /** {@code DIRECTORY/partition-N.json} */
    public Path fileFor(int partition) {
        return directory.resolve("partition-" + partition + ".json");
    }

    /** The saved snapshot of {@code partition}, or empty if it has no file yet. */
    public Optional<PartitionSnapshot> load(int partition) throws UnreadableSnapshotException {
        Path file = fileFor(partition);
        Optional<byte[]> content;
        try {
            content = new AtomicFile(file).read();
        } catch (IOException e) {
            throw new UnreadableSnapshotException(file, "cannot read it (" + e + ")", e);
        }
        if (content.isEmpty()) {
            return Optional.empty();
        }
        PartitionSnapshot snapshot;
        try {
            snapshot = PartitionSnapshot.fromJson(utf8(content.get()));
        } catch (SnapshotFormatException e) {
            throw new UnreadableSnapshotException(file, e.getMessage(), e);
        } catch (CharacterCodingException e) {
            throw new UnreadableSnapshotException(file, "not UTF-8 text", e);
        }
        if (snapshot.partition() != partition) {
            throw new UnreadableSnapshotException(file, "it says partition " + snapshot.partition(), null);
        }
        return Optional.of(snapshot);
    }

    /** The saved snapshot of {@code partition}, or a fresh one (offset 0) if it has no file yet. */
    public PartitionSnapshot loadOrFresh(int partition) throws UnreadableSnapshotException {
        return load(partition).orElseGet(() -> PartitionSnapshot.fresh(partition));
    }

    /** Replaces the partition's file atomically with {@code snapshot}. */
    public void save(PartitionSnapshot snapshot) throws IOException {
        new AtomicFile(fileFor(snapshot.partition()), beforeRename)
                .write(snapshot.toJson().getBytes(StandardCharsets.UTF_8));
    }

    /** The partitions that have a file here, in order. */
    public List<Integer> partitions() throws IOException {
        TreeMap<Integer, Path> found = new TreeMap<>();
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "partition-*.json")) {
            for (Path file : files) {
                Matcher matcher = FILE_NAME.matcher(file.getFileName().toString());
                if (matcher.matches()) {
                    found.put(Integer.parseInt(matcher.group(1)), file);
                }
            }
        }
        return new ArrayList<>(found.keySet());
    }

    /**
     * Deletes every partition file (and leftover temporary file) so consumers start from scratch: the
     * seed notebook's first consumer cell.
     */
    public int deleteAll() throws IOException {
        int deleted = 0;
        for (int partition : partitions()) {
            if (new AtomicFile(fileFor(partition)).delete()) {
                deleted++;
            }
        }
        try (DirectoryStream<Path> leftovers = Files.isDirectory(directory)
                ? Files.newDirectoryStream(directory, "partition-*.json.tmp") : null) {
            if (leftovers != null) {
                for (Path leftover : leftovers) {
                    Files.deleteIfExists(leftover);
                }
            }
        }
        return deleted;
    }

    /** Every partition file's text, one after the other: what {@code cat partition*.json} shows. */
    public String show() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int partition : partitions()) {
            new AtomicFile(fileFor(partition)).read()
                    .ifPresent(bytes -> text.append(new String(bytes, StandardCharsets.UTF_8)));
        }
        return text.toString();
    }

    private static String utf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
    }

    @Override
    public String toString() {
        return "SnapshotStore[" + directory + "]";
    }
}
