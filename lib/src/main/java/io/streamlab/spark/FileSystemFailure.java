package io.streamlab.spark;

import io.streamlab.kafka.KafkaUnreachableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A Hadoop file system call that failed, as a sentence naming the path and — when nothing answers
 * at the file system's address — the address and how to start the cluster. Hadoop's own message for
 * that case is a "Call From … failed on connection exception" with a wiki link.
 */
public final class FileSystemFailure {

    private FileSystemFailure() {
    }

    /** {@code doing} reads as "cannot {doing} {path}", e.g. "delete". */
    public static UncheckedIOException of(String doing, String path, Configuration configuration, IOException e) {
        if (refused(e)) {
            return new UncheckedIOException("HDFS is not reachable at " + fileSystemOf(path, configuration)
                    + " — start the cluster with " + KafkaUnreachableException.START_COMMAND
                    + " (or set STREAMLAB_HDFS to where it runs); cannot " + doing + " " + path, e);
        }
        return new UncheckedIOException("cannot " + doing + " " + path + ": " + e.getMessage(), e);
    }

    private static boolean refused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    private static URI fileSystemOf(String path, Configuration configuration) {
        URI uri = new Path(path).toUri();
        if (uri.getScheme() != null && uri.getAuthority() != null) {
            return URI.create(uri.getScheme() + "://" + uri.getAuthority());
        }
        return FileSystem.getDefaultUri(configuration);
    }
}
