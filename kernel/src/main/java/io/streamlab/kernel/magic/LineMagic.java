package io.streamlab.kernel.magic;

import java.util.List;

/** A {@code %name args} line. Returns the value the line produces, or {@code JShellSession.NO_VALUE}. */
@FunctionalInterface
public interface LineMagic {
    Object run(List<String> args, String rawArgs, MagicContext context) throws Exception;
}
