package io.streamlab.cluster.services;

import io.streamlab.cluster.ClusterException;
import io.streamlab.cluster.ClusterSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Hadoop's FS shell, what {@code hdfs dfs} runs ({@code -ls}, {@code -cat}, {@code -du}, ...),
 * against the cluster's HDFS: a client JVM with a configuration of its own that names only the
 * NameNode, so it works wherever the cluster is reachable (here, or in any compose container).
 */
public final class HdfsShell {

    private static final String FS_SHELL = "org.apache.hadoop.fs.FsShell";

    private final ClusterSettings settings;

    public HdfsShell(ClusterSettings settings) {
        this.settings = settings;
    }

    /** Runs the shell with the terminal's input and output; returns its exit code. */
    public int run(List<String> arguments) {
        Path conf = null;
        try {
            conf = Files.createTempDirectory("streamlab-hdfs-client");
            ConfigFiles.write(conf.resolve("core-site.xml"),
                    ConfigFiles.hadoopXml(Map.of("fs.defaultFS", settings.hdfsUrl())));
            ConfigFiles.write(conf.resolve("log4j.properties"), Log4jConfig.stderrAtWarn(Map.of(
                    // Pure-Java codecs are fine for a lab; the warning would precede every listing.
                    "org.apache.hadoop.util.NativeCodeLoader", "ERROR")));
            List<String> command = HdfsConfig.hadoop(settings, JvmCommand.tool(settings.java()), conf)
                    .main(FS_SHELL, arguments.toArray(String[]::new));
            int exitCode = new ProcessBuilder(command).inheritIO().start().waitFor();
            if (exitCode != 0 && !nameNodeAnswers()) {
                // Hadoop's own line ("Call From … Connection refused; For more details see: <wiki>") says no more.
                System.err.println("HDFS is not reachable at " + settings.hdfsUrl()
                        + " — start the cluster with ./streamlab cluster start (or set STREAMLAB_HDFS_PORT to where it runs)");
            }
            return exitCode;
        } catch (IOException e) {
            throw new ClusterException("Cannot run Hadoop's FS shell: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("Hadoop's FS shell was interrupted", e);
        } finally {
            if (conf != null) {
                deleteQuietly(conf);
            }
        }
    }

    private boolean nameNodeAnswers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(settings.namenodeHost(), settings.hdfsPort()), 2_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteQuietly(Path conf) {
        try (var files = Files.list(conf)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(conf);
        } catch (IOException e) {
            // A leftover temporary directory of two small files harms nothing.
        }
    }
}
