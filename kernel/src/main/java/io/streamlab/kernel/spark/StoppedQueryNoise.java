package io.streamlab.kernel.spark;

import io.streamlab.kernel.exec.CellInterrupter;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.filter.AbstractFilter;
import org.apache.logging.log4j.message.Message;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkContext$;
import org.apache.spark.TaskContext;
import scala.Option;

/**
 * Drops the ERROR lines Spark logs for a streaming query that is being stopped.
 *
 * <p>{@code StreamingQuery.stop()} marks the query terminated, cancels its job group and interrupts
 * its thread, wherever that thread is: writing a broadcast ({@code TorrentBroadcast: Store broadcast
 * … fail, remove all pieces}: the interrupted ask to the block manager master), committing a sink
 * ({@code WriteToDataSourceV2Exec: Data source write support … is aborting}), or in a task
 * ({@code DataWritingSparkTask: Aborting commit}, {@code Utils: Aborting task}). Spark logs each at
 * ERROR and then treats the interrupt as the normal end of the query; a user who stopped a healthy
 * query sees errors that are not there. Measured: 25 starts and stops of {@code rate → console}
 * printed 27 such lines.
 *
 * <p>The same holds for Kernel ▸ Interrupt: it interrupts the cell's thread, which may be writing a
 * broadcast itself (a file scan broadcasts its Hadoop configuration on the calling thread, so does
 * {@code sc.broadcast}); {@code TorrentBroadcast.writeBlocks} logs "Store broadcast … fail, remove
 * all pieces of the broadcast" for any Throwable and rethrows it, so the cell reports the
 * interrupt anyway. ERRORs of Spark's loggers on the execution thread while its cell is being
 * interrupted are dropped too.
 *
 * <p>Only ERRORs logged on behalf of a query that is no longer active are dropped (the query id is
 * a local property of the query's thread and of its tasks). A query that really fails logs while it
 * is still active, and its exception reaches the user anyway, in its panel and {@code exception()}.
 */
final class StoppedQueryNoise extends AbstractFilter {
    /** Spark's StreamExecution.QUERY_ID_KEY. */
    private static final String QUERY_ID_PROPERTY = "sql.streaming.queryId";
    private static volatile StoppedQueryNoise installed;

    private StoppedQueryNoise() {
        super(Result.NEUTRAL, Result.NEUTRAL);
    }

    /** Installs the filter for the whole logging configuration (again, if logging was reconfigured). */
    static void install() {
        if (!(LogManager.getContext(false) instanceof LoggerContext context)) {
            return;
        }
        Configuration config = context.getConfiguration();
        StoppedQueryNoise filter = installed != null ? installed : new StoppedQueryNoise();
        if (config.getFilter() == filter || hasFilter(config, filter)) {
            return;
        }
        filter.start();
        config.addFilter(filter);
        installed = filter;
        context.updateLoggers();
    }

    private static boolean hasFilter(Configuration config, StoppedQueryNoise filter) {
        if (config.getFilter() instanceof org.apache.logging.log4j.core.filter.CompositeFilter composite) {
            for (org.apache.logging.log4j.core.Filter f : composite.getFiltersArray()) {
                if (f == filter) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Result decide(String loggerName, Level level) {
        if (level == null || !level.isMoreSpecificThan(Level.ERROR)) {
            return Result.NEUTRAL;
        }
        if (loggerName != null && loggerName.startsWith("org.apache.spark.")
                && CellInterrupter.isBeingInterrupted(Thread.currentThread())) {
            return Result.DENY; // Spark's report of the interrupt the user asked for (see the class comment)
        }
        String queryId = queryOfCurrentThread();
        return queryId != null && QueryPanels.isStopped(queryId) ? Result.DENY : Result.NEUTRAL;
    }

    private static String queryOfCurrentThread() {
        TaskContext task = TaskContext.get();
        if (task != null) {
            return task.getLocalProperty(QUERY_ID_PROPERTY);
        }
        Option<SparkContext> active = SparkContext$.MODULE$.getActive();
        return active.isDefined() ? active.get().getLocalProperty(QUERY_ID_PROPERTY) : null;
    }

    @Override
    public Result filter(LogEvent event) {
        return decide(event.getLoggerName(), event.getLevel());
    }

    @Override
    public Result filter(Logger logger, Level level, Marker marker, String msg, Object... params) {
        return decide(logger.getName(), level);
    }

    @Override
    public Result filter(Logger logger, Level level, Marker marker, Object msg, Throwable t) {
        return decide(logger.getName(), level);
    }

    @Override
    public Result filter(Logger logger, Level level, Marker marker, Message msg, Throwable t) {
        return decide(logger.getName(), level);
    }
}
