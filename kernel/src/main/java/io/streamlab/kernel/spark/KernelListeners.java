package io.streamlab.kernel.spark;

import io.streamlab.kernel.output.CellContext;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import scala.Option;

/**
 * Keeps the kernel's listeners ({@link JobProgressListener}, {@link QueryPanelListener}) on every
 * SparkContext and SparkSession. The kernel names them in the system properties
 * {@code spark.extraListeners} and {@code spark.sql.streaming.streamingQueryListeners}, which each
 * session reads at creation; a user who sets either key in the session builder replaces that value.
 * So after a cell, a context or session seen for the first time whose listeners lack the kernel's
 * gets them added ({@code addSparkListener}, {@code streams().addListener}) next to the user's,
 * and queries the cell started before that get their panel now.
 */
final class KernelListeners {
    private static final Set<Object> CHECKED = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    private KernelListeners() {
    }

    /** {@code sqlLoaded}: Spark SQL's session class is loaded (a plain SparkContext user does not pay for it). */
    static void ensure(CellContext cell, boolean sqlLoaded) {
        if (PanelOutput.router() == null) {
            return; // the kernel runs with its listeners off (STREAMLAB_KERNEL_LISTENERS=off)
        }
        SparkContext sc = SparkJobs.activeContext();
        if (sc != null && CHECKED.add(sc)
                && !sc.getConf().get("spark.extraListeners", "").contains(JobProgressListener.class.getName())) {
            sc.addSparkListener(new JobProgressListener());
        }
        if (sqlLoaded) {
            ensureOn(SparkSession.getActiveSession(), cell);
            ensureOn(SparkSession.getDefaultSession(), cell);
        }
    }

    private static void ensureOn(Option<SparkSession> session, CellContext cell) {
        if (session.isEmpty() || !CHECKED.add(session.get())) {
            return;
        }
        for (StreamingQueryListener l : session.get().streams().listListeners()) {
            if (l instanceof QueryPanelListener) {
                return;
            }
        }
        session.get().streams().addListener(new QueryPanelListener());
        for (StreamingQuery query : session.get().streams().active()) {
            QueryPanels.get().adopt(query, cell);
        }
    }
}
