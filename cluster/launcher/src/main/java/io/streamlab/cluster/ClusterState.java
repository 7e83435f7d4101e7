package io.streamlab.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The state directory's layout: data (survives stop/start, wiped by reset), logs, pid files and
 * generated configuration. A marker file tells a state directory from any other directory, so
 * reset never deletes anything the cluster did not create.
 *
 * <p>One unmarked directory is adopted too: the one a container engine makes when a volume is
 * mounted at {@code data/} (docker compose keeps Kafka's and HDFS's data in named volumes there).
 * Docker creates the parent with nothing but the mount point in it, and after {@code down} and
 * {@code up} the new container's parent is unmarked again while the volume holds the services' data.
 */
public final class ClusterState {

    private static final String MARKER = ".streamlab-state";

    /** The services' directories under data/, and nothing else: see {@link #dataDir}. */
    static final Set<String> SERVICE_DATA = Set.of("kafka", "hdfs", "spark-work");

    private final Path root;

    public ClusterState(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** Creates the layout; refuses a non-empty directory that is not a state directory. */
    public void ensureCreated() {
        try {
            if (Files.isDirectory(root) && !Files.exists(root.resolve(MARKER)) && !isEmpty(root)
                    && !isMountedDataOnly(root)) {
                throw new ClusterException(root + " is not empty and is not a Streamlab state directory"
                        + " — point " + ClusterSettings.STATE + " at a new or empty directory");
            }
            for (String dir : new String[] {"data", "logs", "run", "conf"}) {
                Files.createDirectories(root.resolve(dir));
            }
            if (!Files.exists(root.resolve(MARKER))) {
                Files.writeString(root.resolve(MARKER),
                        "Created by the Streamlab cluster launcher; reset deletes data/ here.\n");
            }
        } catch (IOException e) {
            throw new ClusterException("Cannot create the state directory " + root + ": " + e.getMessage(), e);
        }
    }

    public Path dataDir(String name) {
        if (!SERVICE_DATA.contains(name)) {
            throw new IllegalArgumentException("No service keeps its data in data/" + name + "; known: "
                    + SERVICE_DATA);
        }
        return root.resolve("data").resolve(name);
    }

    public Path confDir(String name) {
        return root.resolve("conf").resolve(name);
    }

    public Path logsDir() {
        return root.resolve("logs");
    }

    public Path logFile(Service service) {
        return logsDir().resolve(service.cliName() + ".log");
    }

    public Path pidFile(Service service) {
        return root.resolve("run").resolve(service.cliName() + ".pid");
    }

    public OptionalLong readPid(Service service) {
        try {
            return OptionalLong.of(Long.parseLong(Files.readString(pidFile(service)).trim()));
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            // A torn or foreign pid file names no process of ours.
            return OptionalLong.empty();
        }
    }

    public void writePid(Service service, long pid) {
        try {
            Path file = pidFile(service);
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temporary, pid + "\n");
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void removePid(Service service) {
        try {
            Files.deleteIfExists(pidFile(service));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes every service's data; logs stay, so what happened before is still readable. */
    public void wipeData() {
        if (!Files.exists(root.resolve(MARKER))) {
            return;
        }
        deleteTree(root.resolve("data"));
    }

    static void deleteTree(Path top) {
        if (!Files.exists(top)) {
            return;
        }
        try {
            Files.walkFileTree(top, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                    if (failure != null) {
                        throw failure;
                    }
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new ClusterException("Cannot delete " + top + ": " + e.getMessage(), e);
        }
    }

    /**
     * True for a directory holding only data/, itself empty or holding only services' data
     * directories: what a volume mounted at data/ leaves. Anything else in it (a user's files, a
     * data/ with other names) is refused, so reset cannot delete what the cluster did not write.
     */
    private static boolean isMountedDataOnly(Path dir) throws IOException {
        Path data = dir.resolve("data");
        try (var entries = Files.list(dir)) {
            if (!entries.allMatch(entry -> entry.equals(data)) || !Files.isDirectory(data, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
        }
        try (var services = Files.list(data)) {
            return services.allMatch(entry -> SERVICE_DATA.contains(entry.getFileName().toString())
                    && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS));
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
