package io.streamlab.kernel.exec;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.regex.Pattern;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;

/**
 * Translates a live frame of JShell's generated code ({@code REPL.$JShell$12}, a line of the
 * wrapper source) to the snippet and the line in it, as JShell does for an exception's frames.
 * JShell keeps that mapping internal ({@code JShell.outerMap}), so it is reached by reflection; the
 * kernelspec opens {@code jdk.jshell} for it. If it cannot be reached the answer is null, and
 * callers name the cell without a line.
 */
final class WrapperLines {
    private static final Pattern WRAPPER = Pattern.compile("REPL\\.\\$JShell\\$\\d+");
    private static final Access ACCESS = Access.find();

    private WrapperLines() {
    }

    record SnippetLine(String snippetId, int line) {
    }

    static boolean isWrapperClass(String className) {
        return WRAPPER.matcher(className).matches();
    }

    static SnippetLine translate(JShell shell, StackTraceElement frame) {
        if (ACCESS == null || frame.getLineNumber() <= 0) {
            return null;
        }
        try {
            Object outer = ACCESS.getOuter.invoke(ACCESS.outerMap.get(shell), frame.getClassName());
            if (outer == null) {
                return null;
            }
            int wrapLine = frame.getLineNumber() - 1;
            Snippet snippet = (Snippet) ACCESS.wrapLineToSnippet.invoke(outer, wrapLine);
            int line = (int) ACCESS.wrapLineToSnippetLine.invoke(outer, wrapLine) + 1;
            return snippet == null ? null : new SnippetLine(snippet.id(), line);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // JShell changed its internals, or a snippet is being replaced right now
        }
    }

    private record Access(Field outerMap, Method getOuter, Method wrapLineToSnippet, Method wrapLineToSnippetLine) {
        static Access find() {
            try {
                Field outerMap = JShell.class.getDeclaredField("outerMap");
                outerMap.setAccessible(true);
                Class<?> mapClass = Class.forName("jdk.jshell.OuterWrapMap");
                Method getOuter = mapClass.getDeclaredMethod("getOuter", String.class);
                getOuter.setAccessible(true);
                Class<?> classWrap = Class.forName("jdk.jshell.OuterSnippetsClassWrap");
                Method toSnippet = classWrap.getDeclaredMethod("wrapLineToSnippet", int.class);
                toSnippet.setAccessible(true);
                Method toLine = Class.forName("jdk.jshell.OuterWrap").getDeclaredMethod("wrapLineToSnippetLine", int.class);
                toLine.setAccessible(true);
                return new Access(outerMap, getOuter, toSnippet, toLine);
            } catch (ReflectiveOperationException | RuntimeException notOpened) {
                return null;
            }
        }
    }
}
