package io.streamlab.kernel.magic;

import java.nio.file.Path;
import java.util.List;

/** What magics may do to the kernel. */
public interface MagicContext {
    /** Runs code (which may hold line magics) as part of the current cell; returns its value or NO_VALUE. */
    Object evaluate(String code, int firstLine) throws Exception;

    /** Makes jars or class directories importable from the next snippet on. */
    void addToClasspath(List<Path> entries);

    /** True once the running cell has been interrupted; long-running magics check it. */
    boolean interrupted();
}
