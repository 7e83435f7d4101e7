package io.streamlab.kernel.spark;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.messages.publish.PublishDisplayData;
import io.github.spencerpark.jupyter.messages.publish.PublishUpdateDisplayData;
import io.streamlab.kernel.display.HtmlTable;
import io.streamlab.kernel.output.CellContext;
import io.streamlab.kernel.output.OutputRouter;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;

/**
 * A progress bar in the cell for a Spark job that runs longer than {@value #SHOW_AFTER_MS} ms
 * (training, reading Parquet, a {@code count()}): tasks done of total, updated at most twice a
 * second, collapsed to one line when the job ends. Jobs of streaming queries are left out (their
 * panel shows them), so a running stream never floods its cell. Spark creates it for every
 * context (the kernel names it in {@code spark.extraListeners}); events come on Spark's listener
 * bus, one shared timer shows and refreshes the bars.
 */
public final class JobProgressListener extends SparkListener {
    static final long SHOW_AFTER_MS = 1000;
    static final long MIN_UPDATE_INTERVAL_MS = 500;
    /** Spark's StreamExecution.QUERY_ID_KEY: set on the jobs of streaming queries. */
    private static final String QUERY_ID_PROPERTY = "sql.streaming.queryId";
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "streamlab-job-progress");
        t.setDaemon(true);
        return t;
    });

    /**
     * Jobs running now that no cell tagged and no streaming query ran: those of a cell that built
     * the SparkSession (its cell property and job group are set only from the next cell on). An
     * interrupt of that cell cancels them ({@link SparkJobs#cancelCell}).
     */
    static final Set<Integer> UNTAGGED = ConcurrentHashMap.newKeySet();
    private final Map<Integer, Job> jobs = new ConcurrentHashMap<>();
    private final Map<Integer, Job> jobOfStage = new ConcurrentHashMap<>();

    @Override
    public void onJobStart(SparkListenerJobStart event) {
        java.util.Properties props = event.properties();
        if (props == null || (props.getProperty(SparkBridge.CELL_PROPERTY) == null && props.getProperty(QUERY_ID_PROPERTY) == null)) {
            UNTAGGED.add(event.jobId());
        }
        OutputRouter router = PanelOutput.router();
        if (props == null || router == null || props.getProperty(QUERY_ID_PROPERTY) != null) {
            return;
        }
        CellContext cell = router.cell(props.getProperty(SparkBridge.CELL_PROPERTY));
        if (cell == null) {
            return;
        }
        int total = 0;
        scala.collection.Iterator<StageInfo> stages = event.stageInfos().iterator();
        Job job = new Job(event.jobId(), cell, router, props.getProperty("spark.job.description"));
        while (stages.hasNext()) {
            StageInfo stage = stages.next();
            total += stage.numTasks();
            jobOfStage.put(stage.stageId(), job);
        }
        job.total = total;
        jobs.put(event.jobId(), job);
        TIMER.schedule(() -> show(job), SHOW_AFTER_MS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd event) {
        Job job = jobOfStage.get(event.stageId());
        if (job != null) {
            job.done.incrementAndGet();
            if (job.shown && !job.updateScheduled) {
                job.updateScheduled = true;
                long wait = Math.max(0, job.lastSent + MIN_UPDATE_INTERVAL_MS - System.currentTimeMillis());
                TIMER.schedule(() -> {
                    job.updateScheduled = false;
                    send(job, false);
                }, wait, TimeUnit.MILLISECONDS);
            }
        }
    }

    @Override
    public void onJobEnd(SparkListenerJobEnd event) {
        UNTAGGED.remove(event.jobId());
        Job job = jobs.remove(event.jobId());
        if (job == null) {
            return;
        }
        jobOfStage.values().removeIf(j -> j == job);
        job.ended = System.currentTimeMillis();
        job.succeeded = event.jobResult() instanceof org.apache.spark.scheduler.JobSucceeded$;
        TIMER.execute(() -> {
            if (job.shown) {
                send(job, false);
            }
        });
    }

    private static void show(Job job) {
        if (job.ended == 0) {
            job.shown = true;
            send(job, true);
        }
    }

    private static void send(Job job, boolean first) {
        DisplayData data = render(job);
        data.setDisplayId(job.displayId);
        job.lastSent = System.currentTimeMillis();
        if (first) {
            job.router.publish(job.cell, PublishDisplayData.MESSAGE_TYPE, new PublishDisplayData(data), null);
        } else {
            job.router.publish(job.cell, PublishUpdateDisplayData.MESSAGE_TYPE, new PublishUpdateDisplayData(data), job.displayId);
        }
    }

    static DisplayData render(Job job) {
        int done = Math.min(job.done.get(), job.total);
        long seconds10 = ((job.ended == 0 ? System.currentTimeMillis() : job.ended) - job.started) / 100;
        String time = (seconds10 / 10) + "." + (seconds10 % 10) + " s";
        String label = "Spark job " + job.id + (job.description == null ? "" : " (" + job.description + ")");
        DisplayData data = new DisplayData();
        if (job.ended != 0) {
            String line = label + ": " + (job.succeeded ? "done" : "ended") + ", " + done + "/" + job.total + " tasks in " + time;
            data.putText(line);
            data.putHTML("<div class=\"streamlab-job done\" style=\"font-family:monospace;font-size:11px;color:#757575\">"
                    + HtmlTable.escape(line) + "</div>");
            return data;
        }
        int width = 30;
        int filled = job.total == 0 ? 0 : done * width / job.total;
        data.putText(label + " [" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + done + "/" + job.total + " tasks, " + time);
        int percent = job.total == 0 ? 0 : done * 100 / job.total;
        data.putHTML("<div class=\"streamlab-job\" style=\"font-family:monospace;font-size:11px\">" + HtmlTable.escape(label)
                + " <progress class=\"tasks\" max=\"" + job.total + "\" value=\"" + done + "\" style=\"width:200px\"></progress> "
                + done + "/" + job.total + " tasks (" + percent + " %), " + time + "</div>");
        return data;
    }

    static final class Job {
        final int id;
        final CellContext cell;
        final OutputRouter router;
        final String description;
        final String displayId = "streamlab-job-" + UUID.randomUUID();
        final long started = System.currentTimeMillis();
        final AtomicInteger done = new AtomicInteger();
        volatile int total;
        volatile long ended;
        volatile boolean succeeded;
        volatile boolean shown;
        volatile boolean updateScheduled;
        volatile long lastSent;

        Job(int id, CellContext cell, OutputRouter router, String description) {
            this.id = id;
            this.cell = cell;
            this.router = router;
            this.description = description;
        }
    }
}
