package io.streamlab.kernel.output;

import io.github.spencerpark.jupyter.messages.MessageContext;

/**
 * One executed cell: the execute_request it answers. Output and displays that belong to the cell
 * are sent with this request as their parent header, so the front end puts them under the cell.
 *
 * <p>{@link #interactive()} is the request's {@code allow_stdin}: front ends a person sits at
 * (Notebook, JupyterLab, VS Code) can answer input requests and keep listening to every cell's
 * output; batch clients (nbclient, so nbconvert and papermill) set it to false and keep only the
 * messages of the cell they are waiting on. {@link OutputRouter} routes a finished cell's late
 * output by it.
 */
public final class CellContext {
    private final MessageContext request;
    private final String id;
    private final boolean interactive;
    private final String rerunKey;
    private volatile String label = "";

    public CellContext(MessageContext request, boolean interactive) {
        this(request, interactive, null);
    }

    /** {@code rerunKey}: what a re-run of this cell has in common with it (see {@link #rerunKey()}). */
    public CellContext(MessageContext request, boolean interactive, String rerunKey) {
        this.request = request;
        this.id = request.getHeader().getId();
        this.interactive = interactive;
        this.rerunKey = rerunKey;
    }

    /**
     * Equal for two runs of the same notebook cell: the request's {@code cellId} metadata where the
     * front end sends one (JupyterLab, Notebook 7, VS Code), else the cell's code (Notebook 6,
     * nbclient and jupyter_client send no cell id). Null for requests that are not cells.
     */
    public String rerunKey() {
        return rerunKey;
    }

    public MessageContext request() {
        return request;
    }

    /** The msg_id of the cell's execute_request. */
    public String id() {
        return id;
    }

    /** True if the client can show output under this cell after the cell has finished. */
    public boolean interactive() {
        return interactive;
    }

    /** "In[3]", as the front end numbers the cell; set when the cell starts. */
    public String label() {
        return label;
    }

    public void setLabel(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return "cell " + id;
    }
}
