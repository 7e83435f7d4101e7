package io.streamlab.kernel.spark;

import io.streamlab.kernel.output.OutputRouter;

import java.util.function.BiFunction;

/**
 * Where query panels are sent: the kernel's output router, handed over at start-up. Kept apart
 * from the Spark-typed classes so that setting it loads no Spark class.
 */
public final class PanelOutput {
    private static volatile OutputRouter router;
    private static volatile BiFunction<String, String, String> callerLine = (className, method) -> null;

    private PanelOutput() {
    }

    public static void install(OutputRouter kernelRouter) {
        router = kernelRouter;
    }

    static OutputRouter router() {
        return router;
    }

    /**
     * How to name the cell line from which another thread calls a method now (the kernel's
     * {@code CallerLine}): a query's panel says where the query was started.
     */
    public static void installCallerLine(BiFunction<String, String, String> lookup) {
        callerLine = lookup;
    }

    static String callerLine(String className, String method) {
        try {
            return callerLine.apply(className, method);
        } catch (RuntimeException e) {
            return null; // the panel then names the cell only
        }
    }
}
