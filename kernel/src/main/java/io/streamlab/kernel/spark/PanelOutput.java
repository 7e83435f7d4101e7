package io.streamlab.kernel.spark;

import io.streamlab.kernel.output.OutputRouter;

/**
 * Where query panels are sent: the kernel's output router, handed over at start-up. Kept apart
 * from the Spark-typed classes so that setting it loads no Spark class.
 */
public final class PanelOutput {
    private static volatile OutputRouter router;

    private PanelOutput() {
    }

    public static void install(OutputRouter kernelRouter) {
        router = kernelRouter;
    }

    static OutputRouter router() {
        return router;
    }
}
