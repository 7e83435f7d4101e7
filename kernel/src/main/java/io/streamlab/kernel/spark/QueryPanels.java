package io.streamlab.kernel.spark;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.messages.publish.PublishDisplayData;
import io.github.spencerpark.jupyter.messages.publish.PublishUpdateDisplayData;
import io.streamlab.kernel.output.CellContext;
import io.streamlab.kernel.output.OutputRouter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import scala.Option;

/**
 * The live panel of every streaming query a cell started: shown under that cell when the query
 * starts, then replaced in place ({@code update_display_data}) on each progress event and when it
 * ends. Spark's listener events drive it; one shared timer only delays an update that comes less
 * than {@value #MIN_UPDATE_INTERVAL_MS} ms after the previous one (at most two updates a second),
 * so no thread polls a query.
 */
public final class QueryPanels {
    static final long MIN_UPDATE_INTERVAL_MS = 500;
    private static final String STREAM_EXECUTION = "org.apache.spark.sql.execution.streaming.StreamExecution";
    private static final QueryPanels INSTANCE = new QueryPanels();

    private final Map<UUID, Panel> panels = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "streamlab-query-panels");
        t.setDaemon(true);
        return t;
    });

    static QueryPanels get() {
        return INSTANCE;
    }

    void started(UUID id, UUID runId, String name) {
        StoppedQueryNoise.install();
        OutputRouter router = PanelOutput.router();
        if (router == null) {
            return;
        }
        CellContext cell = router.ownerOfCurrentThread();
        if (cell == null) {
            return;
        }
        // The query's thread inherited the starting cell's active session; the query is registered
        // in its manager before its thread starts.
        Option<SparkSession> session = SparkSession.getActiveSession();
        StreamingQuery query = session.isDefined() ? session.get().streams().get(id) : null;
        // The starting cell's start() waits in StreamExecution.start until this event is posted.
        String where = PanelOutput.callerLine(STREAM_EXECUTION, "start");
        Panel panel = new Panel(cell, router, new QueryPanelView.Snapshot(id, runId, name, where != null ? where : "Cell " + cell.label()), query);
        show(panel);
    }

    /**
     * A query that started before the kernel's listener was on its session (the user's own
     * {@code streamingQueryListeners}): its panel from now on, under {@code cell}.
     */
    void adopt(StreamingQuery query, CellContext cell) {
        OutputRouter router = PanelOutput.router();
        if (router == null || panels.containsKey(query.runId())) {
            return;
        }
        Panel panel = new Panel(cell, router, new QueryPanelView.Snapshot(query.id(), query.runId(), query.name(),
                "Cell " + cell.label()).withProgress(query.lastProgress()), query);
        show(panel);
    }

    /** Registers a new panel and shows it under its cell. */
    private void show(Panel panel) {
        panels.put(panel.snapshot.runId(), panel);
        DisplayData data = QueryPanelView.render(panel.snapshot);
        data.setDisplayId(panel.displayId);
        panel.router.publish(panel.cell, PublishDisplayData.MESSAGE_TYPE, new PublishDisplayData(data), null);
    }

    void progressed(StreamingQueryProgress progress) {
        Panel panel = panels.get(progress.runId());
        if (panel != null) {
            panel.snapshot = panel.snapshot.withProgress(progress);
            update(panel);
        }
    }

    void terminated(UUID runId, String exception) {
        Panel panel = panels.get(runId);
        if (panel != null) {
            panel.snapshot = panel.snapshot.ended(exception);
            update(panel);
        }
    }

    /**
     * Called before a cell ends: a query that this cell stopped (or that failed while it ran) shows
     * its final state in this cell's time, also when Spark's listener bus delivers the termination
     * event only later — a batch client would otherwise never record it.
     */
    static void settleEnded() {
        for (Panel panel : INSTANCE.panels.values()) {
            StreamingQuery q = panel.query;
            // Also when the listener already marked it ended: its update may still wait on the throttle,
            // and a batch client records nothing sent after the last cell.
            if (q != null && !q.isActive() && !panel.endedShown) {
                if (!panel.snapshot.ended()) {
                    String error = q.exception().isDefined() ? q.exception().get().getMessage() : null;
                    panel.snapshot = panel.snapshot.ended(error);
                }
                INSTANCE.send(panel);
            }
        }
    }

    /** True if the query with this id was started from a cell and has been told to stop (or has ended). */
    static boolean isStopped(String queryId) {
        boolean known = false;
        for (Panel panel : INSTANCE.panels.values()) {
            if (panel.query != null && panel.snapshot.id().toString().equals(queryId)) {
                known = true;
                if (!panel.snapshot.ended() && panel.query.isActive()) {
                    return false; // a run of this query (restarted from its checkpoint) is active
                }
            }
        }
        return known;
    }

    /** True if {@code query}'s panel is already shown in {@code cell} (the cell that started it). */
    static boolean shownIn(Object query, CellContext cell) {
        Panel panel = INSTANCE.panels.get(((StreamingQuery) query).runId());
        return panel != null && panel.cell == cell;
    }

    /** The panel of {@code query} as it is now, for a cell whose value is the query. */
    static DisplayData snapshotOf(Object value) {
        StreamingQuery query = (StreamingQuery) value;
        Panel panel = INSTANCE.panels.get(query.runId());
        QueryPanelView.Snapshot snapshot = panel != null ? panel.snapshot
                : new QueryPanelView.Snapshot(query.id(), query.runId(), query.name(), "").withProgress(query.lastProgress());
        if (!query.isActive() && !snapshot.ended()) {
            snapshot = snapshot.ended(query.exception().isDefined() ? query.exception().get().getMessage() : null);
        }
        return QueryPanelView.render(snapshot);
    }

    /** The queries cells started, oldest first. */
    static List<RunningStream> streams() {
        List<RunningStream> all = new ArrayList<>();
        for (Panel p : INSTANCE.panels.values()) {
            QueryPanelView.Snapshot s = p.snapshot;
            String state = !s.ended() && p.query != null && !p.query.isActive() ? "stopping" : s.state();
            all.add(new RunningStream(s.id().toString(), s.name(), s.startedIn(), state,
                    s.progress() == null ? Double.NaN : s.progress().processedRowsPerSecond(), s.startedAtMillis()));
        }
        all.sort((a, b) -> Long.compare(a.startedAtMillis(), b.startedAtMillis()));
        return all;
    }

    /**
     * Stops the active queries cells started whose id starts with {@code idPrefix} (all of them
     * for null), waiting for each to end; returns how many it stopped.
     */
    static int stop(String idPrefix) throws java.util.concurrent.TimeoutException {
        int stopped = 0;
        for (Panel p : INSTANCE.panels.values()) {
            if (p.query != null && p.query.isActive() && (idPrefix == null || p.snapshot.id().toString().startsWith(idPrefix))) {
                p.query.stop();
                stopped++;
            }
        }
        settleEnded();
        return stopped;
    }

    private void update(Panel panel) {
        synchronized (panel) {
            if (panel.updateScheduled) {
                return; // the scheduled update will send the newest snapshot
            }
            long wait = panel.lastSentMillis + MIN_UPDATE_INTERVAL_MS - System.currentTimeMillis();
            if (wait > 0) {
                panel.updateScheduled = true;
                timer.schedule(() -> {
                    synchronized (panel) {
                        panel.updateScheduled = false;
                    }
                    send(panel);
                }, wait, TimeUnit.MILLISECONDS);
                return;
            }
        }
        send(panel);
    }

    private void send(Panel panel) {
        if (LiveTables.isTable(panel.snapshot.runId())) {
            // A live table re-reads its memory sink: a Spark job, so on the timer, never on Spark's listener bus.
            timer.execute(() -> LiveTables.refresh(panel.snapshot.runId()));
        }
        QueryPanelView.Snapshot snapshot = panel.snapshot;
        DisplayData data = QueryPanelView.render(snapshot);
        synchronized (panel) {
            panel.lastSentMillis = System.currentTimeMillis();
        }
        if (snapshot.ended()) {
            panel.endedShown = true;
        }
        data.setDisplayId(panel.displayId);
        panel.router.publish(panel.cell, PublishUpdateDisplayData.MESSAGE_TYPE, new PublishUpdateDisplayData(data),
                panel.displayId);
    }

    private static final class Panel {
        final CellContext cell;
        final OutputRouter router;
        final String displayId = "streamlab-query-" + UUID.randomUUID();
        final StreamingQuery query;
        volatile QueryPanelView.Snapshot snapshot;
        /** The final state has been sent: nothing about this run is left to show. */
        volatile boolean endedShown;
        long lastSentMillis = System.currentTimeMillis();
        boolean updateScheduled;

        Panel(CellContext cell, OutputRouter router, QueryPanelView.Snapshot snapshot, StreamingQuery query) {
            this.cell = cell;
            this.router = router;
            this.snapshot = snapshot;
            this.query = query;
        }
    }
}
