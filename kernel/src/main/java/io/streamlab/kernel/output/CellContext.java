package io.streamlab.kernel.output;

import io.github.spencerpark.jupyter.messages.MessageContext;

/**
 * One executed cell: the execute_request it answers. Output and displays that belong to the cell
 * are sent with this request as their parent header, so the front end puts them under the cell,
 * also after the cell has finished (as ipykernel does for its threads).
 */
public final class CellContext {
    private final MessageContext request;
    private final String id;

    public CellContext(MessageContext request) {
        this.request = request;
        this.id = request.getHeader().getId();
    }

    public MessageContext request() {
        return request;
    }

    /** The msg_id of the cell's execute_request. */
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return "cell " + id;
    }
}
