package io.streamlab.kernel.exec;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The cell line ({@code Cell In[5], line 3}) from which some thread is calling a given method
 * right now — for a streaming query, the cell line whose {@code start()} is waiting for the query's
 * thread to report itself. The execution thread is asked first (cells start most queries there);
 * otherwise every thread's stack is searched, once per query start.
 */
public final class CallerLine {
    private final ExecutionThread executionThread;
    private final CompletableFuture<JShellSession> session;

    public CallerLine(ExecutionThread executionThread, CompletableFuture<JShellSession> session) {
        this.executionThread = executionThread;
        this.session = session;
    }

    /** The cell line calling {@code className.method} on another thread now, or null. */
    public String of(String className, String method) {
        JShellSession shell = session.getNow(null);
        if (shell == null) {
            return null;
        }
        StackTraceElement[] stack = executionThread.thread().getStackTrace();
        if (!calls(stack, className, method)) {
            stack = null;
            for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
                if (e.getKey() != Thread.currentThread() && calls(e.getValue(), className, method)) {
                    stack = e.getValue();
                    break;
                }
            }
        }
        return stack == null ? null : shell.cellLineOf(stack);
    }

    private static boolean calls(StackTraceElement[] stack, String className, String method) {
        for (StackTraceElement frame : stack) {
            if (frame.getClassName().equals(className) && frame.getMethodName().equals(method)) {
                return true;
            }
        }
        return false;
    }
}
