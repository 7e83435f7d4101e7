package io.streamlab.kernel.exec;

import java.util.ArrayList;
import java.util.List;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;

/** Cuts a cell's code into the snippets JShell evaluates one at a time (statements, declarations). */
final class CellSplitter {
    private final SourceCodeAnalysis analysis;

    CellSplitter(SourceCodeAnalysis analysis) {
        this.analysis = analysis;
    }

    List<SnippetSource> split(String code, int offset) {
        List<SnippetSource> snippets = new ArrayList<>();
        String rest = code;
        int consumed = 0;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            if (info.completeness() == Completeness.EMPTY) {
                break;
            }
            int start = consumed + leadingWhitespace(rest);
            if (!info.completeness().isComplete() || info.source() == null) {
                // Unfinished code (a missing brace): let the compiler say where.
                snippets.add(new SnippetSource(rest.strip(), offset + start));
                break;
            }
            // JShell counts error positions and stack-trace lines from the first non-blank character.
            snippets.add(new SnippetSource(info.source().stripLeading(), offset + start));
            consumed += rest.length() - info.remaining().length();
            rest = info.remaining();
        }
        return snippets;
    }

    private static int leadingWhitespace(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
