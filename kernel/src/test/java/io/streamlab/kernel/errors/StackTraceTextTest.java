package io.streamlab.kernel.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class StackTraceTextTest {
    @Test
    void showsTheCauseChainWithCellFramesAndCutsTheMachinery() {
        IllegalStateException cause = new IllegalStateException("inner");
        cause.setStackTrace(new StackTraceElement[]{
                new StackTraceElement("", "parse", "Cell In[2]", 3),
                new StackTraceElement("jdk.internal.reflect.NativeMethodAccessorImpl", "invoke0", null, -2),
                new StackTraceElement("java.lang.Thread", "run", "Thread.java", 833)});
        RuntimeException outer = new RuntimeException("outer", cause);
        outer.setStackTrace(new StackTraceElement[]{
                new StackTraceElement("java.lang.Integer", "parseInt", "Integer.java", 652),
                new StackTraceElement("", "<cell>", "Cell In[4]", 1)});
        assertEquals(List.of(
                "java.lang.RuntimeException: outer",
                "\tat java.lang.Integer.parseInt(Integer.java:652)",
                "\tat <cell>(Cell In[4], line 1)",
                "Caused by: java.lang.IllegalStateException: inner",
                "\tat parse(Cell In[2], line 3)"), StackTraceText.of(outer));
    }

    @Test
    void deepRecursionIsOneLinePlusACount() {
        StackOverflowError e = new StackOverflowError();
        StackTraceElement frame = new StackTraceElement("", "depth", "Cell In[3]", 1);
        e.setStackTrace(new StackTraceElement[]{frame, frame, frame, new StackTraceElement("", "<cell>", "Cell In[3]", 2)});
        assertEquals(List.of(
                "java.lang.StackOverflowError",
                "\tat depth(Cell In[3], line 1)",
                "\t... the frame above repeated 2 more times",
                "\tat <cell>(Cell In[3], line 2)"), StackTraceText.of(e));
    }
}
