package io.streamlab.kernel.display;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.streamlab.kernel.spark.SparkBridge;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A Spark Dataset shows as an HTML table of its first rows (plus the same as text), like
 * {@code show()} but in the notebook's table style. A streaming Dataset cannot be collected, so it
 * shows its schema and how to look at it instead.
 */
public final class SparkDatasetFormat implements RichFormat {
    static final int MAX_ROWS = 20;
    private static final int MAX_CELL = 100;

    @Override
    public boolean accepts(Object value) {
        return TypeNames.isA(value, "org.apache.spark.sql.Dataset");
    }

    @Override
    public void addTo(DisplayData data, Object value) {
        Dataset<?> ds = (Dataset<?>) value;
        if (ds.isStreaming()) {
            // As Databricks' display(streamingDF): a live table of the stream's result.
            data.putText(SparkBridge.showLive(ds));
            return;
        }
        data.assign(table(ds));
    }

    /** The first rows of a (batch) Dataset as an HTML table and text. */
    public static DisplayData table(Dataset<?> ds) {
        DisplayData data = new DisplayData();
        Dataset<Row> df = ds.toDF();
        List<String> columns = List.of(df.columns());
        List<Row> rows = df.limit(MAX_ROWS + 1).collectAsList();
        HtmlTable table = new HtmlTable(columns);
        for (int r = 0; r < Math.min(rows.size(), MAX_ROWS); r++) {
            Row row = rows.get(r);
            List<String> cells = new ArrayList<>(columns.size());
            for (int c = 0; c < columns.size(); c++) {
                cells.add(cell(row.get(c)));
            }
            table.addRow(cells);
        }
        if (rows.size() > MAX_ROWS) {
            table.footnote("only showing top " + MAX_ROWS + " rows");
        }
        data.putHTML(table.html());
        data.putText(table.text());
        return data;
    }

    private static String cell(Object v) {
        String s = v == null ? "null" : v instanceof byte[] ? "[" + ((byte[]) v).length + " bytes]" : String.valueOf(v);
        return s.length() > MAX_CELL ? s.substring(0, MAX_CELL - 3) + "..." : s;
    }
}
