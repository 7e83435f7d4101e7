package io.streamlab.kernel.runtime;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;

/**
 * The display functions every cell has (statically imported at start-up), with IJava's names
 * and signatures, so notebooks that use them run under IJava too:
 *
 * <pre>
 * String id = display(table);          // shows it now, returns its display id
 * updateDisplay(id, table);            // replaces that output in place (a live-refreshing table)
 * DisplayData d = render(chart);       // the MIME bundle, shown if it is the cell's value
 * display(dataset, "text/html");       // only the forms asked for
 * display("<b>warm</b>", "text/html"); // a string as markup (also text/markdown, text/latex)
 * clearOutput(true);                   // clears the cell when the next output comes
 * </pre>
 *
 * Called from a background thread, the output goes to the cell that started the thread.
 */
public final class Display {
    private static volatile DisplaySink sink;

    private Display() {
    }

    /** Called once by the kernel at start-up. */
    public static void install(DisplaySink kernel) {
        sink = kernel;
    }

    public static DisplayData render(Object o) {
        return sink().render(o);
    }

    public static DisplayData render(Object o, String... as) {
        return sink().render(o, as);
    }

    public static String display(Object o) {
        DisplaySink k = sink();
        return k.display(k.render(o));
    }

    public static String display(Object o, String... as) {
        DisplaySink k = sink();
        return k.display(k.render(o, as));
    }

    public static void updateDisplay(String id, Object o) {
        DisplaySink k = sink();
        k.updateDisplay(id, k.render(o));
    }

    public static void updateDisplay(String id, Object o, String... as) {
        DisplaySink k = sink();
        k.updateDisplay(id, k.render(o, as));
    }

    /** Clears the cell's output now, as IPython's {@code clear_output()}. */
    public static void clearOutput() {
        sink().clearOutput(false);
    }

    /** With {@code wait}, the output is cleared when the next output arrives (no flicker in a loop). */
    public static void clearOutput(boolean wait) {
        sink().clearOutput(wait);
    }

    private static DisplaySink sink() {
        DisplaySink k = sink;
        if (k == null) {
            throw new IllegalStateException("display functions only work inside the Streamlab Java kernel");
        }
        return k;
    }
}
