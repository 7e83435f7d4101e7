package io.streamlab.kernel.display;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;

import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;

import java.util.Arrays;
import java.util.List;

/**
 * Turns a cell's value into what Jupyter shows: a rich form for the kinds listed in
 * {@link #FORMATS} and always a text/plain form. {@link DisplayData} passes through unchanged, so
 * {@code render(x)} as a cell's last expression shows what {@code display(x)} would.
 */
public final class ValueRenderer {
    private static final List<RichFormat> FORMATS = List.of(
            new SparkDatasetFormat(), new StreamingQueryFormat(), new TablesawTableFormat(), new XChartFormat(), new ImageFormat());

    public DisplayData render(Object value) throws Exception {
        if (value instanceof DisplayData) {
            return (DisplayData) value;
        }
        DisplayData data = new DisplayData();
        for (RichFormat format : FORMATS) {
            if (format.accepts(value)) {
                format.addTo(data, value);
                if (!data.hasDataForType(MIMEType.TEXT_PLAIN)) {
                    data.putText(text(value));
                }
                return data;
            }
        }
        data.putText(text(value));
        return data;
    }

    /** Renders, keeping only the MIME types asked for ({@code display(x, "text/html")}). */
    public DisplayData render(Object value, String... mimeTypes) throws Exception {
        DisplayData full = render(value);
        if (mimeTypes == null || mimeTypes.length == 0) {
            return full;
        }
        DisplayData chosen = new DisplayData();
        for (String mime : mimeTypes) {
            Object data = full.getData(MIMEType.parse(mime));
            if (data == null && value instanceof CharSequence && isMarkup(mime)) {
                // IJava's way to show markup: display("<b>x</b>", "text/html"), also text/markdown, text/latex.
                data = value.toString();
            }
            if (data == null) {
                throw new IllegalArgumentException("Cannot show " + (value == null ? "null" : value.getClass().getName())
                        + " as " + mime + " — leave out the MIME types to get every form it has");
            }
            chosen.putData(mime, data);
        }
        return chosen;
    }

    /** MIME types whose data is text a string can be: text/*, SVG, JSON, JavaScript — not PNG. */
    private static boolean isMarkup(String mime) {
        return mime.startsWith("text/") || mime.equals("image/svg+xml") || mime.equals("application/json")
                || mime.equals("application/javascript");
    }

    static String text(Object value) {
        if (value == null) {
            return "null";
        }
        if (value.getClass().isArray()) {
            String deep = Arrays.deepToString(new Object[]{value});
            return deep.substring(1, deep.length() - 1);
        }
        return String.valueOf(value);
    }
}
