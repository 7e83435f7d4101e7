package io.github.spencerpark.jupyter.kernel;

import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;

/**
 * The three steps of the library's execute handler that are package-private to it: attach the
 * request to {@link JupyterIO} (so {@code System.in} asks this request's front end), allow input
 * if the request does, and detach when the request is done. The kernel answers execute requests
 * itself (its reply carries a pager payload, which the library's reply cannot), so it needs them;
 * in the library's own package, so the compiler checks the calls.
 */
public final class JupyterIOAccess {
    private JupyterIOAccess() {
    }

    public static void attach(JupyterIO io, ShellReplyEnvironment env, boolean stdinEnabled) {
        io.setEnv(env);
        env.defer(() -> io.retractEnv(env));
        io.setJupyterInEnabled(stdinEnabled);
    }
}
