package io.streamlab.kernel.magic;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.streamlab.kernel.display.HtmlTable;
import io.streamlab.kernel.exec.JShellSession;
import io.streamlab.kernel.spark.RunningStream;
import io.streamlab.kernel.spark.SparkBridge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code %streams} lists what cells left running: the streaming queries they started (cell, name,
 * state, rate, since when) and the threads that run cell code now. {@code %streams stop ID|all}
 * stops queries (by id or its first characters) and interrupts threads (by thread id).
 */
public final class StreamsMagic implements LineMagic {
    private final SparkBridge spark;

    public StreamsMagic(SparkBridge spark) {
        this.spark = spark;
    }

    @Override
    public Object run(List<String> args, String rawArgs, MagicContext context) throws Exception {
        if (args.isEmpty()) {
            return listing();
        }
        if (!args.get(0).equals("stop") || args.size() != 2) {
            throw new IllegalArgumentException("Usage: %streams (list) or %streams stop <query id, its first characters, thread id, or all>");
        }
        String which = args.get(1);
        boolean all = which.equals("all");
        int queries = spark.stopStreams(all ? null : which);
        int threads = 0;
        for (Thread t : cellThreads()) {
            if (all || which.equals(String.valueOf(t.getId()))) {
                t.interrupt();
                threads++;
            }
        }
        if (!all && queries + threads == 0) {
            throw new IllegalArgumentException("%streams stop: nothing running has the id " + which + " — %streams lists the ids");
        }
        System.out.println("Stopped " + queries + " quer" + (queries == 1 ? "y" : "ies") + ", interrupted "
                + threads + " thread" + (threads == 1 ? "" : "s"));
        return JShellSession.NO_VALUE;
    }

    private DisplayData listing() {
        HtmlTable table = new HtmlTable(List.of("kind", "id", "cell", "name", "state", "rows/s", "since"));
        long now = System.currentTimeMillis();
        for (RunningStream s : spark.streams()) {
            table.addRow(List.of("query", s.id(), s.cell(), s.name() == null ? "" : s.name(), s.state(),
                    Double.isNaN(s.rowsPerSecond()) ? "-" : String.format(Locale.ROOT, "%.1f", s.rowsPerSecond()),
                    ago(now - s.startedAtMillis())));
        }
        for (Thread t : cellThreads()) {
            table.addRow(List.of("thread", String.valueOf(t.getId()), "", t.getName(), t.getState().toString().toLowerCase(Locale.ROOT), "-", "-"));
        }
        DisplayData data = new DisplayData();
        data.putHTML(table.html());
        data.putText(table.text());
        return data;
    }

    /** Threads other than the cell execution thread whose stack is in cell code now. */
    static List<Thread> cellThreads() {
        List<Thread> found = new ArrayList<>();
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            Thread t = e.getKey();
            if (t == Thread.currentThread() || !t.isAlive()) {
                continue;
            }
            for (StackTraceElement frame : e.getValue()) {
                // JShell puts every snippet's classes in package REPL.
                if (frame.getClassName().startsWith("REPL.")) {
                    found.add(t);
                    break;
                }
            }
        }
        found.sort((a, b) -> Long.compare(a.getId(), b.getId()));
        return found;
    }

    private static String ago(long millis) {
        long s = millis / 1000;
        return s < 120 ? s + " s" : s < 7200 ? (s / 60) + " min" : (s / 3600) + " h";
    }
}
