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
     * on and the next query waits for it).
     */
    public void beforeCell(String cellId) {
        if (isLoaded()) {
            SparkJobs.tagCurrentThread(cellId);
        }
    }

    /** Cancels every running Spark job; on an interrupt. */
    public void cancelAllJobs() {
        if (isLoaded()) {
            SparkJobs.cancelAll();
        }
    }

    /** The cell whose job the current thread is running a task for, or null. */
    public String cellOfCurrentTask() {
        return isLoaded() ? SparkJobs.cellOfCurrentTask() : null;
    }
}
