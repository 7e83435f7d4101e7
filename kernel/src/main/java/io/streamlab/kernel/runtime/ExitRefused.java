package io.streamlab.kernel.runtime;

/**
 * What a cell's {@code System.exit(n)}, {@code Runtime.getRuntime().exit(n)} or {@code halt(n)}
 * calls instead (the kernel rewrites those calls in cell code): an exception in the cell, so the
 * kernel and the notebook's variables and queries live on.
 */
public final class ExitRefused extends RuntimeException {
    private ExitRefused(String call, int status) {
        super(call + "(" + status + ") would end the kernel, and with it every variable and running query of this notebook,"
                + " so the kernel refused it. To end the cell, return or throw; to stop the kernel, use Kernel ▸ Shutdown.");
    }

    public static void systemExit(int status) {
        throw new ExitRefused("System.exit", status);
    }

    public static void runtimeExit(Runtime runtime, int status) {
        throw new ExitRefused("Runtime.exit", status);
    }

    public static void runtimeHalt(Runtime runtime, int status) {
        throw new ExitRefused("Runtime.halt", status);
    }
}
