package io.streamlab.kernel.spark;

import org.apache.spark.SparkContext;
import org.apache.spark.TaskContext;
import org.apache.spark.SparkContext$;
import scala.Option;

/** The Spark calls themselves; only reached through {@link SparkBridge} once Spark is loaded. */
final class SparkJobs {
    private SparkJobs() {
    }

    static void tagCurrentThread(String cellId) {
        Option<SparkContext> active = SparkContext$.MODULE$.getActive();
        if (active.isDefined()) {
            SparkContext sc = active.get();
            sc.setLocalProperty(SparkBridge.CELL_PROPERTY, cellId);
            sc.setLocalProperty("spark.job.interruptOnCancel", "true");
        }
    }

    static void cancelAll() {
        Option<SparkContext> active = SparkContext$.MODULE$.getActive();
        if (active.isDefined()) {
            active.get().cancelAllJobs();
        }
    }

    static String cellOfCurrentTask() {
        TaskContext task = TaskContext.get();
        return task == null ? null : task.getLocalProperty(SparkBridge.CELL_PROPERTY);
    }
}
