package io.streamlab.cluster;

/** A failure the user can act on; its message names the thing and the fix. */
public class ClusterException extends RuntimeException {
    public ClusterException(String message) {
        super(message);
    }

    public ClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
