package io.streamlab.kernel.magic;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cell cut into what runs in order: Java code, and line magics ({@code %name args} alone on a
 * line, as in IJava). A first line {@code %%name args} makes the whole cell a cell magic.
 */
public final class CellScript {
    private static final Pattern LINE_MAGIC = Pattern.compile("^\\s*%(?<name>[A-Za-z][\\w.-]*)(?<args>.*)$");
    private static final Pattern CELL_MAGIC = Pattern.compile("^\\s*%%(?<name>[A-Za-z][\\w.-]*)(?<args>.*)$");

    /** A piece of the cell: code (name null) or a line magic; {@code firstLine} counts from 1. */
    public record Part(String magicName, String args, String code, int firstLine) {
        public boolean isMagic() {
            return magicName != null;
        }
    }

    /** A cell magic and the body below its first line. */
    public record CellMagic(String name, String args, String body) {
    }

    private CellScript() {
    }

    /** The cell magic if the cell starts with {@code %%name}, else null. */
    public static CellMagic cellMagic(String cell) {
        int newline = cell.indexOf('\n');
        String first = newline < 0 ? cell : cell.substring(0, newline);
        Matcher m = CELL_MAGIC.matcher(first);
        if (!m.matches()) {
            return null;
        }
        return new CellMagic(m.group("name"), m.group("args").trim(), newline < 0 ? "" : cell.substring(newline + 1));
    }

    public static List<Part> parts(String code, int firstLine) {
        List<Part> parts = new ArrayList<>();
        String[] lines = code.split("\n", -1);
        StringBuilder pending = new StringBuilder();
        int pendingStart = firstLine;
        for (int i = 0; i < lines.length; i++) {
            int lineNumber = firstLine + i;
            Matcher m = LINE_MAGIC.matcher(lines[i]);
            if (m.matches()) {
                if (!pending.toString().isBlank()) {
                    parts.add(new Part(null, null, pending.toString(), pendingStart));
                }
                pending.setLength(0);
                parts.add(new Part(m.group("name"), m.group("args").trim(), null, lineNumber));
                pendingStart = lineNumber + 1;
            } else {
                if (pending.length() > 0) {
                    pending.append('\n');
                } else {
                    pendingStart = lineNumber;
                }
                pending.append(lines[i]);
            }
        }
        if (!pending.toString().isBlank()) {
            parts.add(new Part(null, null, pending.toString(), pendingStart));
        }
        return parts;
    }

    /** Splits magic arguments at blanks, keeping "quoted strings" whole. */
    public static List<String> arguments(String args) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char c : args.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (any) {
                    out.add(current.toString());
                    current.setLength(0);
                    any = false;
                }
            } else {
                current.append(c);
                any = true;
            }
        }
        if (any) {
            out.add(current.toString());
        }
        return out;
    }
}
