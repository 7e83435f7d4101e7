package io.streamlab.cluster;

/** The command line itself is wrong: the CLI answers with the usage line. */
public class UsageException extends ClusterException {
    public UsageException(String message) {
        super(message);
    }
}
