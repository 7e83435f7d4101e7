package io.streamlab.labs.hashtags;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.time.Instant;
import java.util.List;

/**
 * The ten most frequent hashtags of one window, most frequent first, as a table and as a bar chart.
 *
 * @param settled true when the window ended before the batch that counted it: no more tweets can join it
 */
public record TopTen(Instant windowStart, Instant windowEnd, boolean settled, List<HashtagCount> hashtags) {

    public static final int SIZE = 10;

    public record HashtagCount(String tag, long count) {
    }

    /** "top ten 2026-01-01T12:00:00Z to 2026-01-01T12:00:30Z", with "(so far)" while the window is open. */
    public String title() {
        if (windowStart == null) {
            return "top ten: no hashtags yet";
        }
        return "top ten " + windowStart + " to " + windowEnd + (settled ? "" : " (so far)");
    }

    /** A Tablesaw table, named by {@link #title()}, columns {@code tag} and {@code count}. */
    public Table table() {
        return Table.create(title(),
                StringColumn.create("tag", hashtags.stream().map(HashtagCount::tag).toList()),
                IntColumn.create("count", hashtags.stream().mapToInt(h -> (int) h.count()).toArray()));
    }

    /** A bar chart of the counts, most frequent on the left. */
    public CategoryChart chart() {
        CategoryChart chart = new CategoryChartBuilder().width(800).height(400).title(title())
                .xAxisTitle("hashtag").yAxisTitle("tweets").build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(45);
        if (hashtags.isEmpty()) {
            chart.addSeries("count", List.of("(none)"), List.of(0));
        } else {
            chart.addSeries("count", hashtags.stream().map(HashtagCount::tag).toList(),
                    hashtags.stream().map(HashtagCount::count).toList());
        }
        return chart;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(title());
        hashtags.forEach(h -> text.append("\n  ").append(h.tag()).append(' ').append(h.count()));
        return text.toString();
    }
}
