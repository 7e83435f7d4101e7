package io.streamlab.kernel;

import java.util.Optional;

/**
 * Ends the kernel when the process that started it (Jupyter, a test's client) is gone, so killed
 * notebooks and failed test runs leave no orphan JVMs behind. Jupyter names its pid in
 * {@code JPY_PARENT_PID}; without it the OS parent is watched.
 */
final class ParentWatchdog {
    private static final long POLL_MS = 1000;

    private ParentWatchdog() {
    }

    static void start() {
        Optional<ProcessHandle> parent = parent();
        if (parent.isEmpty()) {
            System.err.println("Streamlab kernel: parent process already gone, exiting");
            KernelMain.exit(1);
            return;
        }
        ProcessHandle watched = parent.get();
        Thread t = new Thread(() -> {
            while (watched.isAlive()) {
                try {
                    Thread.sleep(POLL_MS);
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.err.println("Streamlab kernel: parent process " + watched.pid() + " ended, exiting");
            KernelMain.exit(0);
        }, "streamlab-parent-watchdog");
        t.setDaemon(true);
        t.start();
    }

    private static Optional<ProcessHandle> parent() {
        String pid = System.getenv("JPY_PARENT_PID");
        if (pid != null && pid.matches("\\d+")) {
            return ProcessHandle.of(Long.parseLong(pid));
        }
        return ProcessHandle.current().parent();
    }
}
