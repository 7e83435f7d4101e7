package io.streamlab.kernel.magic;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The magics the kernel knows, by name. */
public final class MagicRegistry {
    private final Map<String, LineMagic> lineMagics = new TreeMap<>();
    private final Map<String, CellMagicHandler> cellMagics = new TreeMap<>();

    public MagicRegistry line(String name, LineMagic magic) {
        lineMagics.put(name, magic);
        return this;
    }

    public MagicRegistry cell(String name, CellMagicHandler magic) {
        cellMagics.put(name, magic);
        return this;
    }

    public Object runLine(String name, String rawArgs, MagicContext context) throws Exception {
        LineMagic magic = lineMagics.get(name);
        if (magic == null) {
            throw new UnknownMagicException("line", name, prefixed("%", lineMagics.keySet()));
        }
        return magic.run(CellScript.arguments(rawArgs), rawArgs, context);
    }

    public Object runCell(String name, String rawArgs, String body, MagicContext context) throws Exception {
        CellMagicHandler magic = cellMagics.get(name);
        if (magic == null) {
            throw new UnknownMagicException("cell", name, prefixed("%%", cellMagics.keySet()));
        }
        return magic.run(CellScript.arguments(rawArgs), rawArgs, body, context);
    }

    /** What %lsmagic prints. */
    public String listing() {
        return "Available line magics:\n" + String.join("  ", prefixed("%", lineMagics.keySet()))
                + "\n\nAvailable cell magics:\n" + String.join("  ", prefixed("%%", cellMagics.keySet())) + "\n";
    }

    private static List<String> prefixed(String prefix, Iterable<String> names) {
        List<String> out = new java.util.ArrayList<>();
        names.forEach(n -> out.add(prefix + n));
        return out;
    }
}
