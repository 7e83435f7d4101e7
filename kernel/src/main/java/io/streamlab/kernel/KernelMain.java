package io.streamlab.kernel;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import io.streamlab.kernel.output.CellOwnership;
import io.streamlab.kernel.output.OutputRouter;
import io.streamlab.kernel.spark.PanelOutput;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Entry point named in the kernelspec: {@code KernelMain <connection-file>}.
 */
public final class KernelMain {
    /** A JVM whose shutdown hooks hang (a stuck Spark stop) is halted after this long. */
    private static final long EXIT_GRACE_MS = 10_000;

    private KernelMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("Usage: java ... io.streamlab.kernel.KernelMain <connection-file>"
                    + " (Jupyter passes the file; install the kernelspec with KernelspecInstaller)");
            System.exit(2);
        }
        KernelConnectionProperties connection = KernelConnectionProperties.parse(Files.readString(Path.of(args[0])));

        quietLibraryLogging();
        CellOwnership ownership = new CellOwnership();
        OutputRouter router = new OutputRouter(ownership);
        router.install();
        ParentWatchdog.start();

        // STREAMLAB_KERNEL_LISTENERS=off: no query panels, live tables or job bars (the benchmark's
        // baseline for what they cost).
        if (!"off".equals(System.getenv("STREAMLAB_KERNEL_LISTENERS"))) {
            showStreamingQueriesLive(router);
        }
        StreamlabKernel kernel = new StreamlabKernel(ownership, router);
        // Reading System.in in a cell asks the front end (input_request), as in IJava. Unlike the
        // output streams this one can stay the library's: input only makes sense while a cell runs.
        System.setIn(kernel.getIO().in);
        kernel.startShell();

        JupyterConnection jupyter = new LowLatencyConnection(connection);
        kernel.becomeHandlerForConnection(jupyter);
        jupyter.connect();
        jupyter.waitUntilClose();
        // Threads cells started (consumers, Spark) are not daemons and would keep the JVM alive.
        exit(0);
    }

    /**
     * Every SparkSession a cell builds reads {@code spark.*} system properties into its conf, so
     * naming the panel listener here gives each session it (kept if a user named listeners too).
     */
    private static void showStreamingQueriesLive(OutputRouter router) {
        PanelOutput.install(router);
        addToListProperty("spark.sql.streaming.streamingQueryListeners", "io.streamlab.kernel.spark.QueryPanelListener");
        // The progress bar of long Spark jobs in their cell.
        addToListProperty("spark.extraListeners", "io.streamlab.kernel.spark.JobProgressListener");
    }

    private static void addToListProperty(String key, String className) {
        String given = System.getProperty(key);
        System.setProperty(key, given == null || given.isBlank() ? className : given + "," + className);
    }

    /**
     * The library logs every message at INFO. Its handlers are created here, while System.err is
     * still the JVM's own, so they never write into a cell.
     */
    private static void quietLibraryLogging() {
        Logger root = LogManager.getLogManager().getLogger("");
        root.setLevel(Level.WARNING);
        for (java.util.logging.Handler h : root.getHandlers()) {
            h.setLevel(Level.WARNING);
        }
    }

    static void exit(int status) {
        Thread halt = new Thread(() -> {
            try {
                Thread.sleep(EXIT_GRACE_MS);
            } catch (InterruptedException ignored) {
                // exiting anyway
            }
            Runtime.getRuntime().halt(status);
        }, "streamlab-exit-guard");
        halt.setDaemon(true);
        halt.start();
        System.exit(status);
    }
}
