package io.streamlab.kernel.spark;

import java.lang.reflect.Method;

/**
 * What the kernel does with Spark when a cell uses it, without loading Spark when it does not
 * (Spark's classes take seconds to initialise). Everything here first asks whether the JVM has
 * loaded Spark's {@code SparkContext} at all.
 */
public final class SparkBridge {
    /** Local property naming the cell a job was submitted from; tasks carry it, so their output goes there. */
    public static final String CELL_PROPERTY = "streamlab.cell";
    private static final String CONTEXT_CLASS = "org.apache.spark.SparkContext";
    private static final String SESSION_CLASS = "org.apache.spark.sql.SparkSession";
    private static final String LIVE_TABLES_CLASS = "io.streamlab.kernel.spark.LiveTables";

    private final Method findLoadedClass;
    private volatile boolean loaded;

    public SparkBridge() {
        Method m;
        try {
            m = ClassLoader.class.getDeclaredMethod("findLoadedClass", String.class);
            m.setAccessible(true); // opened by --add-opens=java.base/java.lang, which Spark needs anyway
        } catch (ReflectiveOperationException | RuntimeException e) {
            m = null;
        }
        this.findLoadedClass = m;
    }

    /** True once any cell has touched Spark's context class. */
    public boolean isLoaded() {
        if (loaded) {
            return true;
        }
        if (findLoadedClass == null) {
            return false;
        }
        try {
            loaded = findLoadedClass.invoke(ClassLoader.getSystemClassLoader(), CONTEXT_CLASS) != null;
        } catch (ReflectiveOperationException e) {
            return false;
        }
        return loaded;
    }

    /**
     * Called on the execution thread before each cell: jobs the cell submits carry its id, and a
     * cancel interrupts their tasks (without {@code interruptOnCancel} a task blocked in I/O runs
     * on and the next query waits for it); the kernel's listeners are on the session even if the
     * user's configuration named others; a re-run cell's live tables stop.
     */
    public void beforeCell(io.streamlab.kernel.output.CellContext cell, String label) {
        if (isLoaded()) {
            SparkJobs.tagCurrentThread(cell.id(), label);
            // Spark's ERRORs about an interrupt the user asked for are dropped (also with no query).
            StoppedQueryNoise.install();
            SparkJars.shipTo(SparkJobs.activeContext());
            KernelListeners.ensure(cell, isClassLoaded(SESSION_CLASS));
            if (isClassLoaded(LIVE_TABLES_CLASS)) {
                LiveTables.stopEarlierRunsOf(cell);
            }
        }
    }

    /** Cancels the Spark jobs the cell submitted (and threads it started), nobody else's; on an interrupt. */
    public void cancelJobsOf(String cellId) {
        if (isLoaded()) {
            SparkJobs.cancelCell(cellId);
        }
    }

    /** Called on the execution thread before a cell ends: queries it stopped show their final state in it. */
    public void beforeCellEnds(io.streamlab.kernel.output.CellContext cell) {
        if (isLoaded()) {
            // The cell may have built the session, with listeners of the user's own in its configuration.
            KernelListeners.ensure(cell, isClassLoaded(SESSION_CLASS));
        }
        if (isLoaded() && isQueryLoaded()) {
            QueryPanels.settleEnded();
        }
    }

    /** True if the value is a streaming query whose live panel this cell already shows. */
    public boolean isShownIn(Object value, io.streamlab.kernel.output.CellContext cell) {
        return isLoaded() && isQueryLoaded() && isA(value, "org.apache.spark.sql.streaming.StreamingQuery")
                && QueryPanels.shownIn(value, cell);
    }

    /** A streaming query as a cell value: its panel as it is now (no live updates: the started cell has those). */
    public static io.github.spencerpark.jupyter.kernel.display.DisplayData queryPanelOf(Object query) {
        return QueryPanels.snapshotOf(query);
    }

    /** Starts a live table of a streaming Dataset under the running cell; returns what the cell's value says. */
    public static String showLive(Object streamingDataset) {
        return LiveTables.start((org.apache.spark.sql.Dataset<?>) streamingDataset);
    }

    /** The streaming queries cells started (active and ended), oldest first. */
    public java.util.List<RunningStream> streams() {
        return isLoaded() && isQueryLoaded() ? QueryPanels.streams() : java.util.List.of();
    }

    /** Stops the active queries whose id starts with {@code idPrefix} (all for null); how many it stopped. */
    public int stopStreams(String idPrefix) throws java.util.concurrent.TimeoutException {
        return isLoaded() && isQueryLoaded() ? QueryPanels.stop(idPrefix) : 0;
    }

    /** Jars added by %jars, %maven, %classpath: shipped to executors of every Spark context, now and later. */
    public void addJars(java.util.List<java.nio.file.Path> jars) {
        SparkJars.remember(jars);
        if (isLoaded()) {
            SparkJars.shipTo(SparkJobs.activeContext());
        }
    }

    private boolean isQueryLoaded() {
        return isClassLoaded("io.streamlab.kernel.spark.QueryPanels");
    }

    private boolean isClassLoaded(String className) {
        try {
            return findLoadedClass != null && findLoadedClass.invoke(ClassLoader.getSystemClassLoader(), className) != null;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    private static boolean isA(Object value, String className) {
        for (Class<?> c = value == null ? null : value.getClass(); c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (i.getName().equals(className)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The cell whose job the current thread is running a task for, or null. */
    public String cellOfCurrentTask() {
        return isLoaded() ? SparkJobs.cellOfCurrentTask() : null;
    }
}
