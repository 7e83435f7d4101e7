package io.streamlab.kernel.errors;

import java.util.List;

/**
 * A cell that does not compile. The name matches IJava's, so notebooks and tools that look at
 * {@code ename} see the same thing.
 */
public final class CompilationException extends Exception implements KernelError {
    private final List<String> traceback;

    public CompilationException(String message, List<String> traceback) {
        super(message, null, false, false);
        this.traceback = List.copyOf(traceback);
    }

    @Override
    public List<String> traceback() {
        return traceback;
    }
}
