package io.streamlab.kernel.magic;

import java.util.List;

/** A cell starting with {@code %%name args}; gets the rest of the cell as its body. */
@FunctionalInterface
public interface CellMagicHandler {
    Object run(List<String> args, String rawArgs, String body, MagicContext context) throws Exception;
}
