package io.streamlab.kernel.spark;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.messages.publish.PublishDisplayData;
import io.github.spencerpark.jupyter.messages.publish.PublishUpdateDisplayData;
import io.streamlab.kernel.display.SparkDatasetFormat;
import io.streamlab.kernel.output.CellContext;
import io.streamlab.kernel.output.OutputRouter;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * {@code display(streamingDataset)} (or a streaming Dataset as a cell's value), as Databricks'
 * {@code display(streamingDF)}: the kernel starts a memory-sink query named {@code display_N} and
 * shows its table under the cell, refreshed after each batch (no more than twice a second). The
 * query is one of the cell's streams: its panel shows under the table, {@code %streams stop} and
 * kernel shutdown stop it.
 */
final class LiveTables {
    private static final AtomicInteger NEXT = new AtomicInteger(1);
    private static final Map<UUID, Table> TABLES = new ConcurrentHashMap<>();

    private LiveTables() {
    }

    static String start(Dataset<?> ds) {
        String name = "display_" + NEXT.getAndIncrement();
        OutputRouter router = PanelOutput.router();
        CellContext cell = router == null ? null : router.ownerOfCurrentThread();
        if (cell == null) {
            throw new IllegalStateException("a live table needs a running cell");
        }
        String displayId = "streamlab-table-" + UUID.randomUUID();
        DisplayData waiting = new DisplayData("(live table " + name + ": waiting for the first batch)");
        waiting.setDisplayId(displayId);
        router.publish(cell, PublishDisplayData.MESSAGE_TYPE, new PublishDisplayData(waiting), null);
        StreamingQuery query = startMemoryQuery(ds, name);
        TABLES.put(query.runId(), new Table(name, ds.sparkSession(), cell, router, displayId, query));
        return "Live table of the stream's result: memory-sink query " + name + " (id " + query.id()
                + "); %streams stop " + query.id().toString().substring(0, 8) + " stops it";
    }

    /** Append mode for plain streams; complete mode where Spark needs it (an aggregation without watermark). */
    private static StreamingQuery startMemoryQuery(Dataset<?> ds, String name) {
        try {
            return ds.writeStream().format("memory").queryName(name).outputMode("append").start();
        } catch (Exception appendNotPossible) {
            // AnalysisException is checked in Java but not declared by Scala's start(): test its type.
            if (!(appendNotPossible instanceof AnalysisException)) {
                throw new IllegalStateException("the live table's query did not start: " + appendNotPossible.getMessage(), appendNotPossible);
            }
        }
        try {
            return ds.writeStream().format("memory").queryName(name).outputMode("complete").start();
        } catch (Exception e) {
            throw new IllegalStateException("the live table's query did not start: " + e.getMessage(), e);
        }
    }

    /** Called by the panels' timer after a batch of a live table's query: re-reads the table. */
    static boolean isTable(UUID runId) {
        return TABLES.containsKey(runId);
    }

    static void refresh(UUID runId) {
        Table table = TABLES.get(runId);
        if (table == null || !table.refreshing.compareAndSet(false, true)) {
            return;
        }
        try {
            DisplayData data = SparkDatasetFormat.table(table.session.table(table.name));
            data.setDisplayId(table.displayId);
            table.router.publish(table.cell, PublishUpdateDisplayData.MESSAGE_TYPE, new PublishUpdateDisplayData(data),
                    table.displayId);
        } catch (RuntimeException e) {
            // The query was stopped between its batch and this refresh; the table shows its last rows.
        } finally {
            table.refreshing.set(false);
        }
    }

    /**
     * Called before {@code cell} runs: the live tables an earlier run of the same cell started
     * (same cell id, or same code where the front end sends no id; {@link CellContext#rerunKey()})
     * are stopped, as Databricks does, so re-running a cell replaces its table instead of adding a
     * second query that keeps every row in memory.
     */
    static void stopEarlierRunsOf(CellContext cell) {
        if (cell.rerunKey() == null) {
            return;
        }
        boolean stopped = false;
        for (Table table : TABLES.values()) {
            if (cell.rerunKey().equals(table.cell.rerunKey()) && table.query.isActive()) {
                try {
                    table.query.stop();
                    stopped = true;
                } catch (java.util.concurrent.TimeoutException e) {
                    System.err.println("The live table " + table.name + " of the earlier run did not stop in time: " + e.getMessage());
                }
            }
        }
        if (stopped) {
            QueryPanels.settleEnded();
        }
    }

    private record Table(String name, SparkSession session, CellContext cell, OutputRouter router, String displayId,
                         StreamingQuery query, AtomicBoolean refreshing) {
        Table(String name, SparkSession session, CellContext cell, OutputRouter router, String displayId, StreamingQuery query) {
            this(name, session, cell, router, displayId, query, new AtomicBoolean());
        }
    }
}
