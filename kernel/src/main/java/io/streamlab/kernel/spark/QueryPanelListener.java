package io.streamlab.kernel.spark;

import org.apache.spark.sql.streaming.StreamingQueryListener;

/**
 * Spark creates one of these for every SparkSession (the kernel names it in
 * {@code spark.sql.streaming.streamingQueryListeners}), so a query shows its panel whichever cell
 * built the session. It only hands the events to the kernel's one {@link QueryPanels}.
 */
public final class QueryPanelListener extends StreamingQueryListener {



    @Override
    public void onQueryStarted(QueryStartedEvent event) {
        // Spark calls this on the query's own thread before start() returns; that thread was
        // created by the cell that called start(), so the panel goes under that cell.
        QueryPanels.get().started(event.id(), event.runId(), event.name());
    }

    @Override
    public void onQueryProgress(QueryProgressEvent event) {
        QueryPanels.get().progressed(event.progress());
    }

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {
        QueryPanels.get().terminated(event.runId(), event.exception().isDefined() ? event.exception().get() : null);
    }
}
