package io.streamlab.kernel.display;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.messages.publish.PublishClearOutput;
import io.github.spencerpark.jupyter.messages.publish.PublishDisplayData;
import io.github.spencerpark.jupyter.messages.publish.PublishUpdateDisplayData;
import io.streamlab.kernel.output.CellContext;
import io.streamlab.kernel.output.CellOwnership;
import io.streamlab.kernel.output.OutputRouter;
import io.streamlab.kernel.runtime.DisplaySink;

import java.util.UUID;

/**
 * Sends display_data and update_display_data for the display functions. A display goes to the
 * cell that owns the calling thread, after that cell's pending output, so a background thread's
 * table refresh lands in the cell that started the thread.
 */
public final class DisplayPublisher implements DisplaySink {
    private final ValueRenderer renderer;
    private final CellOwnership ownership;
    private final OutputRouter router;

    public DisplayPublisher(ValueRenderer renderer, CellOwnership ownership, OutputRouter router) {
        this.renderer = renderer;
        this.ownership = ownership;
        this.router = router;
    }

    @Override
    public DisplayData render(Object value, String... mimeTypes) {
        try {
            return renderer.render(value, mimeTypes);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot render " + (value == null ? "null" : value.getClass().getName())
                    + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String display(DisplayData data) {
        String id = data.hasDisplayId() ? data.getDisplayId() : UUID.randomUUID().toString();
        DisplayData shown = new DisplayData();
        shown.assign(data);
        shown.setDisplayId(id);
        send(new PublishDisplayData(shown), PublishDisplayData.MESSAGE_TYPE, null);
        return id;
    }

    @Override
    public void updateDisplay(String displayId, DisplayData data) {
        if (displayId == null || displayId.isEmpty()) {
            throw new IllegalArgumentException("updateDisplay needs the id that display(...) returned");
        }
        DisplayData update = new DisplayData();
        update.assign(data);
        update.setDisplayId(displayId);
        send(new PublishUpdateDisplayData(update), PublishUpdateDisplayData.MESSAGE_TYPE, displayId);
    }

    @Override
    public void clearOutput(boolean wait) {
        send(wait ? PublishClearOutput.BEFORE_NEXT_OUTPUT : PublishClearOutput.NOW, PublishClearOutput.MESSAGE_TYPE, null);
    }

    private <T> void send(T content, io.github.spencerpark.jupyter.messages.MessageType<T> type, String updatedDisplayId) {
        CellContext cell = ownership.ownerOfCurrentThread();
        if (cell == null) {
            throw new IllegalStateException("display() was called before any cell ran; there is nowhere to show it");
        }
        // Queued behind the thread's pending output and sent now, so display() returns once it left.
        router.publish(cell, type, content, updatedDisplayId);
        router.flush();
    }
}
