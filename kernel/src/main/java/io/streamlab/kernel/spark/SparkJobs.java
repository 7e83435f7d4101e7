package io.streamlab.kernel.spark;

import org.apache.spark.SparkContext;
import org.apache.spark.SparkContext$;
import org.apache.spark.TaskContext;
import scala.Option;

/** The Spark calls themselves; only reached through {@link SparkBridge} once Spark is loaded. */
final class SparkJobs {
    private SparkJobs() {
    }

    /**
     * Puts the cell's jobs in a job group of their own. Threads the cell starts inherit it (Spark's
     * local properties are inheritable), so their jobs are the cell's too; a streaming query's
     * thread sets its own group per query, so an interrupt of this cell leaves its micro-batches alone.
     */
    static void tagCurrentThread(String cellId, String label) {
        Option<SparkContext> active = SparkContext$.MODULE$.getActive();
        if (active.isDefined()) {
            SparkContext sc = active.get();
            sc.setLocalProperty(SparkBridge.CELL_PROPERTY, cellId);
            // interruptOnCancel: without it a task blocked in I/O runs on and the next query waits for it.
            sc.setJobGroup(jobGroup(cellId), label, true);
        }
    }

    static void cancelCell(String cellId) {
        Option<SparkContext> active = SparkContext$.MODULE$.getActive();
        if (active.isDefined()) {
            active.get().cancelJobGroup(jobGroup(cellId));
            // Jobs of the cell that built the session carry no group yet; no other cell's do.
            for (Integer job : JobProgressListener.UNTAGGED) {
                active.get().cancelJob(job, "the cell that submitted it was interrupted");
            }
        }
    }

    /** The running SparkContext, or null. */
    static SparkContext activeContext() {
        Option<SparkContext> active = SparkContext$.MODULE$.getActive();
        return active.isDefined() ? active.get() : null;
    }

    static String jobGroup(String cellId) {
        return "streamlab-cell-" + cellId;
    }

    static String cellOfCurrentTask() {
        TaskContext task = TaskContext.get();
        return task == null ? null : task.getLocalProperty(SparkBridge.CELL_PROPERTY);
    }
}
