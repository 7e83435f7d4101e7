package io.streamlab.kernel.magic;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;

/**
 * {@code %time code} and {@code %%time}: runs the code and prints, like IPython, the CPU time of
 * the cell's thread (user, sys, total) and the wall time. The JVM's total CPU is printed too,
 * since Spark does most of its work on other threads.
 */
public final class TimeMagic implements LineMagic, CellMagicHandler {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Override
    public Object run(List<String> args, String rawArgs, MagicContext context) throws Exception {
        return timed(rawArgs, 1, context);
    }

    @Override
    public Object run(List<String> args, String rawArgs, String body, MagicContext context) throws Exception {
        return timed(body, 2, context);
    }

    private static Object timed(String code, int firstLine, MagicContext context) throws Exception {
        long wall = System.nanoTime();
        long cpu = THREADS.getCurrentThreadCpuTime();
        long user = THREADS.getCurrentThreadUserTime();
        long process = processCpu();
        try {
            return context.evaluate(code, firstLine);
        } finally {
            long cpuUsed = THREADS.getCurrentThreadCpuTime() - cpu;
            long userUsed = THREADS.getCurrentThreadUserTime() - user;
            long processUsed = processCpu() - process;
            long wallUsed = System.nanoTime() - wall;
            System.out.println("CPU times: user " + duration(userUsed) + ", sys: " + duration(cpuUsed - userUsed)
                    + ", total: " + duration(cpuUsed) + " (all JVM threads: " + duration(processUsed) + ")");
            System.out.println("Wall time: " + duration(wallUsed));
        }
    }

    private static long processCpu() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
        }
        return 0;
    }

    static String duration(long nanos) {
        if (nanos < 1_000) {
            return nanos + " ns";
        }
        if (nanos < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f µs", nanos / 1e3);
        }
        if (nanos < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }
}
