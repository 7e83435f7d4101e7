package io.streamlab.kernel.display;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.table.Relation;

/** A Tablesaw Table (or view) shows as an HTML table of its first rows, plus Tablesaw's own text. */
final class TablesawTableFormat implements RichFormat {
    static final int MAX_ROWS = 50;

    @Override
    public boolean accepts(Object value) {
        return TypeNames.isA(value, "tech.tablesaw.table.Relation");
    }

    @Override
    public void addTo(DisplayData data, Object value) {
        Relation t = (Relation) value;
        HtmlTable table = new HtmlTable(t.columnNames());
        int shown = Math.min(t.rowCount(), MAX_ROWS);
        for (int r = 0; r < shown; r++) {
            List<String> cells = new ArrayList<>(t.columnCount());
            for (int c = 0; c < t.columnCount(); c++) {
                cells.add(t.getString(r, c));
            }
            table.addRow(cells);
        }
        if (t.rowCount() > MAX_ROWS) {
            table.footnote("only showing top " + MAX_ROWS + " of " + t.rowCount() + " rows");
        }
        String caption = t.name() == null || t.name().isEmpty() ? "" : "<p><b>" + HtmlTable.escape(t.name()) + "</b></p>\n";
        data.putHTML(caption + table.html());
        data.putText(t.print(MAX_ROWS));
    }
}
