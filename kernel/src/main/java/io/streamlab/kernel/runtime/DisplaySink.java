package io.streamlab.kernel.runtime;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;

/** What {@link Display}'s functions talk to: the running kernel. */
public interface DisplaySink {
    DisplayData render(Object value, String... mimeTypes);

    /** Shows {@code data} under the calling thread's cell and returns its display id. */
    String display(DisplayData data);

    void updateDisplay(String displayId, DisplayData data);

    /** Clears the output of the calling thread's cell; with {@code wait}, when the next output arrives. */
    void clearOutput(boolean wait);
}
