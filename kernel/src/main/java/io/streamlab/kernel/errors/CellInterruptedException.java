package io.streamlab.kernel.errors;

import java.util.List;

/** The cell was stopped by Kernel ▸ Interrupt (or a client's timeout). */
public final class CellInterruptedException extends Exception implements KernelError {
    public CellInterruptedException(String how) {
        super("Cell interrupted" + (how.isEmpty() ? "" : " (" + how + ")"), null, false, false);
    }

    @Override
    public List<String> traceback() {
        return List.of(getMessage() + ". The kernel is ready; threads the cell started keep running.");
    }
}
