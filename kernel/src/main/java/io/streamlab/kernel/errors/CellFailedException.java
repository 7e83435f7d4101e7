package io.streamlab.kernel.errors;

import java.util.List;

/**
 * A cell whose code threw something that is not an {@link Exception} (an {@link Error}) or whose
 * exception JShell reported without the object (an unresolved reference). Exceptions a cell
 * throws are otherwise passed on as themselves, so {@code ename} is the user's exception class.
 */
public final class CellFailedException extends Exception implements KernelError {
    private final String name;
    private final List<String> traceback;

    public CellFailedException(String name, String message, List<String> traceback) {
        super(message, null, false, false);
        this.name = name;
        this.traceback = List.copyOf(traceback);
    }

    public String errorName() {
        return name;
    }

    @Override
    public List<String> traceback() {
        return traceback;
    }
}
