package io.streamlab.kernel.errors;

import java.util.List;

/** An error the kernel has already put into words: the traceback lines shown under the cell. */
public interface KernelError {
    List<String> traceback();
}
