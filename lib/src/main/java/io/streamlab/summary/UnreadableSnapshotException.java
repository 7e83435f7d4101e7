package io.streamlab.summary;

import java.nio.file.Path;

/**
 * A partition file exists but cannot be read as a snapshot. The consumer leaves it untouched and
 * stops counting that partition: overwriting it with fresh stats would silently lose what it held.
 */
public class UnreadableSnapshotException extends Exception {

    private final Path file;

    public UnreadableSnapshotException(Path file, String reason, Throwable cause) {
        super(file + " is unreadable: " + reason + " — left untouched; fix it, or delete it to recount"
                + " that partition from offset 0", cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
