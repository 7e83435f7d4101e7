package io.streamlab.kernel.errors;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Turns an exception a cell threw into traceback lines: the exception, its message and its cause
 * chain, each with the frames of user code only. Frames of the machinery that ran the cell
 * (reflection, JShell, this kernel) are cut, and JShell's generated wrapper classes are named
 * as the cell they came from.
 */
public final class StackTraceText {
    private static final String[] MACHINERY = {
            "jdk.internal.reflect.", "java.lang.reflect.Method.invoke", "jdk.jshell.", "io.streamlab.kernel.exec.",
    };

    private StackTraceText() {
    }

    public static List<String> of(Throwable thrown) {
        List<String> lines = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable t = thrown;
        boolean first = true;
        while (t != null && seen.add(t)) {
            lines.add((first ? "" : "Caused by: ") + headline(t));
            String previous = null;
            int repeats = 0;
            for (StackTraceElement frame : t.getStackTrace()) {
                if (isMachinery(frame)) {
                    break;
                }
                String line = "\tat " + describe(frame);
                if (line.equals(previous)) {
                    repeats++; // deep recursion: one line instead of a thousand
                    continue;
                }
                addRepeats(lines, repeats);
                repeats = 0;
                lines.add(line);
                previous = line;
            }
            addRepeats(lines, repeats);
            first = false;
            t = t.getCause();
        }
        return lines;
    }

    private static void addRepeats(List<String> lines, int repeats) {
        if (repeats > 0) {
            lines.add("\t... the frame above repeated " + repeats + " more time" + (repeats == 1 ? "" : "s"));
        }
    }

    public static String headline(Throwable t) {
        String message = t.getLocalizedMessage();
        return t.getClass().getName() + (message == null ? "" : ": " + message);
    }

    private static boolean isMachinery(StackTraceElement frame) {
        String where = frame.getClassName() + "." + frame.getMethodName();
        for (String prefix : MACHINERY) {
            if (where.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Frames of cell code read "f(Cell In[3], line 2)"; anything else as Java prints it. */
    static String describe(StackTraceElement frame) {
        String cls = frame.getClassName();
        String file = frame.getFileName();
        if (file != null && (file.startsWith("Cell ") || file.startsWith("snippet #"))) {
            String owner = cls.isEmpty() ? "" : cls + ".";
            return owner + frame.getMethodName() + "(" + file + ", line " + frame.getLineNumber() + ")";
        }
        if (cls.startsWith("REPL.$JShell$")) {
            String rest = cls.substring("REPL.$JShell$".length());
            int dollar = rest.indexOf('$');
            String userClass = dollar < 0 ? "" : rest.substring(dollar + 1) + ".";
            String method = frame.getMethodName().equals("do_it$") ? "<cell>" : frame.getMethodName();
            return userClass + method + "(cell" + lineSuffix(frame) + ")";
        }
        return frame.toString();
    }

    private static String lineSuffix(StackTraceElement frame) {
        return frame.getLineNumber() > 0 ? " line " + frame.getLineNumber() : "";
    }
}
