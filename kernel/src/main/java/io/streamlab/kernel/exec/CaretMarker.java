package io.streamlab.kernel.exec;

import java.util.List;

/** Shows where a compile error is: "line N:", the line itself, and a caret under the problem. */
final class CaretMarker {
    private CaretMarker() {
    }

    /**
     * @param code      the code the positions point into
     * @param firstLine the cell line number of the code's first line
     * @param position  where the problem is
     * @param start     where the offending construct starts (the caret run starts here if on the same line)
     */
    static List<String> mark(String code, int firstLine, int position, int start) {
        int pos = Math.min(Math.max(position, 0), code.length());
        int lineStart = code.lastIndexOf('\n', pos - 1) + 1;
        int lineEnd = code.indexOf('\n', pos);
        if (lineEnd < 0) {
            lineEnd = code.length();
        }
        int lineNumber = firstLine + (int) code.substring(0, lineStart).chars().filter(c -> c == '\n').count();
        String line = code.substring(lineStart, lineEnd);
        int from = start >= lineStart && start <= pos ? start : pos;
        StringBuilder caret = new StringBuilder();
        for (int i = lineStart; i < from; i++) {
            caret.append(code.charAt(i) == '\t' ? '\t' : ' ');
        }
        caret.append('^');
        for (int i = from + 1; i <= pos && i < lineEnd; i++) {
            caret.append('^');
        }
        return List.of("line " + lineNumber + ":", line, caret.toString());
    }
}
