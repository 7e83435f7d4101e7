package io.streamlab.kernel.display;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;

/** One kind of value the notebook shows richly (a table, an image), and how. */
interface RichFormat {
    boolean accepts(Object value);

    /** Adds this format's MIME bundles (text/html, image/png, text/plain …) to {@code data}. */
    void addTo(DisplayData data, Object value) throws Exception;
}
