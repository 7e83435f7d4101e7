package io.streamlab.kernel.spark;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.streamlab.kernel.display.HtmlTable;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.streaming.SourceProgress;
import org.apache.spark.sql.streaming.StateOperatorProgress;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * What a query's panel shows: its name and id, state, the last batch (id, rates, duration and its
 * phases), watermark, state store rows and memory, each source's offsets and the sink's rows. As
 * HTML for the browser and as text that reads well in a saved notebook.
 */
final class QueryPanelView {
    private QueryPanelView() {
    }

    /** One query's state as last reported; immutable, replaced on each event. */
    record Snapshot(UUID id, UUID runId, String name, String startedIn, long startedAtMillis,
                    StreamingQueryProgress progress, boolean ended, String exception) {
        Snapshot(UUID id, UUID runId, String name, String startedIn) {
            this(id, runId, name, startedIn, System.currentTimeMillis(), null, false, null);
        }

        Snapshot withProgress(StreamingQueryProgress p) {
            return p == null ? this : new Snapshot(id, runId, name, startedIn, startedAtMillis, p, ended, exception);
        }

        Snapshot ended(String error) {
            return new Snapshot(id, runId, name, startedIn, startedAtMillis, progress, true, error);
        }

        String state() {
            return !ended ? "active" : exception == null ? "stopped" : "failed";
        }

        String title() {
            return (name == null ? "StreamingQuery" : "StreamingQuery \"" + name + "\"") + " id=" + id;
        }
    }

    static DisplayData render(Snapshot s) {
        DisplayData data = new DisplayData();
        data.putText(text(s));
        data.putHTML(html(s));
        return data;
    }

    static String text(Snapshot s) {
        StringBuilder b = new StringBuilder();
        b.append(s.title()).append(" — ").append(s.state());
        if (!s.startedIn().isEmpty()) {
            b.append(" (started in ").append(s.startedIn()).append(")");
        }
        b.append('\n');
        if (s.exception() != null) {
            b.append("  error: ").append(firstLine(s.exception())).append('\n');
        }
        StreamingQueryProgress p = s.progress();
        if (p == null) {
            return b.append("  no batch yet\n").toString();
        }
        b.append("  batch ").append(p.batchId())
                .append(" · input ").append(rate(p.inputRowsPerSecond())).append(" rows/s")
                .append(" · processed ").append(rate(p.processedRowsPerSecond())).append(" rows/s")
                .append(" · ").append(p.numInputRows()).append(" rows in ").append(p.batchDuration()).append(" ms");
        String phases = phases(p.durationMs());
        if (!phases.isEmpty()) {
            b.append(" (").append(phases).append(')');
        }
        b.append('\n');
        String watermark = p.eventTime() == null ? null : p.eventTime().get("watermark");
        if (watermark != null) {
            b.append("  watermark ").append(watermark).append('\n');
        }
        for (StateOperatorProgress op : p.stateOperators()) {
            b.append("  state ").append(op.operatorName()).append(": ").append(op.numRowsTotal()).append(" rows, ")
                    .append(bytes(op.memoryUsedBytes())).append('\n');
        }
        for (SourceProgress src : p.sources()) {
            b.append("  source ").append(src.description()).append(": ").append(src.startOffset()).append(" → ")
                    .append(src.endOffset()).append(", ").append(src.numInputRows()).append(" rows\n");
        }
        if (p.sink() != null) {
            b.append("  sink ").append(p.sink().description()).append(": ").append(rows(p.sink().numOutputRows())).append('\n');
        }
        return b.toString();
    }

    static String html(Snapshot s) {
        String color = switch (s.state()) {
            case "active" -> "#2e7d32";
            case "failed" -> "#c62828";
            default -> "#616161";
        };
        StringBuilder b = new StringBuilder("<div class=\"streamlab-query\" style=\"font-family:monospace;font-size:12px\">");
        b.append("<b>").append(HtmlTable.escape(s.title())).append("</b> <span class=\"state\" style=\"color:")
                .append(color).append("\">").append(s.state()).append("</span>");
        if (!s.startedIn().isEmpty()) {
            b.append(" <span style=\"color:#757575\">started in ").append(HtmlTable.escape(s.startedIn())).append("</span>");
        }
        if (s.exception() != null) {
            b.append("<pre style=\"color:#c62828\">").append(HtmlTable.escape(firstLine(s.exception()))).append("</pre>");
        }
        StreamingQueryProgress p = s.progress();
        if (p == null) {
            return b.append("<div>no batch yet</div></div>").toString();
        }
        b.append("<table><tr><th>batch</th><th>input rows/s</th><th>processed rows/s</th><th>rows</th><th>duration</th></tr>")
                .append("<tr><td class=\"batch\">").append(p.batchId()).append("</td><td>").append(rate(p.inputRowsPerSecond()))
                .append("</td><td>").append(rate(p.processedRowsPerSecond())).append("</td><td>").append(p.numInputRows())
                .append("</td><td>").append(p.batchDuration()).append(" ms</td></tr></table>");
        String phases = phases(p.durationMs());
        if (!phases.isEmpty()) {
            b.append("<div>phases: ").append(HtmlTable.escape(phases)).append("</div>");
        }
        String watermark = p.eventTime() == null ? null : p.eventTime().get("watermark");
        if (watermark != null) {
            b.append("<div>watermark: ").append(HtmlTable.escape(watermark)).append("</div>");
        }
        for (StateOperatorProgress op : p.stateOperators()) {
            b.append("<div>state ").append(HtmlTable.escape(op.operatorName())).append(": ").append(op.numRowsTotal())
                    .append(" rows, ").append(bytes(op.memoryUsedBytes())).append("</div>");
        }
        for (SourceProgress src : p.sources()) {
            b.append("<div>source ").append(HtmlTable.escape(src.description())).append(": ")
                    .append(HtmlTable.escape(String.valueOf(src.startOffset()))).append(" → ")
                    .append(HtmlTable.escape(String.valueOf(src.endOffset()))).append(", ").append(src.numInputRows()).append(" rows</div>");
        }
        if (p.sink() != null) {
            b.append("<div>sink ").append(HtmlTable.escape(p.sink().description())).append(": ")
                    .append(rows(p.sink().numOutputRows())).append("</div>");
        }
        return b.append("</div>").toString();
    }

    /** "addBatch 80 ms, queryPlanning 5 ms", the largest first, without the total. */
    private static String phases(Map<String, Long> durations) {
        if (durations == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        durations.entrySet().stream()
                .filter(e -> !e.getKey().equals("triggerExecution"))
                .sorted((x, y) -> Long.compare(y.getValue(), x.getValue()))
                .forEach(e -> b.append(b.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue()).append(" ms"));
        return b.toString();
    }

    private static String rate(double perSecond) {
        return Double.isNaN(perSecond) ? "-" : String.format(Locale.ROOT, "%.1f", perSecond);
    }

    private static String rows(long n) {
        return n < 0 ? "rows not reported" : n + " rows";
    }

    private static String bytes(long n) {
        return n < 1024 ? n + " B" : n < 1024 * 1024 ? String.format(Locale.ROOT, "%.1f KiB", n / 1024.0)
                : String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
