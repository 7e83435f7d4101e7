package io.streamlab.kernel.exec;

import io.streamlab.kernel.spark.SparkBridge;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Stops the running cell on Kernel ▸ Interrupt.
 *
 * <p>{@code JShell.stop()} does nothing for an in-process execution control, so the interrupt is
 * tracked here and the cell ends with an error. Steps, each only while the same cell still runs:
 * <ol>
 *   <li>cancel the Spark jobs of this cell's job group (the next query would otherwise wait for
 *       them; queries other cells started run on) and
 *       {@link Thread#interrupt()} the execution thread — ends {@code sleep}, {@code join},
 *       {@code awaitTermination} and other blocking waits;</li>
 *   <li>after a grace period, if the cell's own code is still running (a busy loop, or code that
 *       swallowed the interrupt), {@link Thread#stop()} the execution thread, repeated after each
 *       grace period.</li>
 * </ol>
 * Both land only while the cell's own code runs, never while JShell compiles or the kernel works
 * (neither is written to be interrupted); while it compiles, the stopper waits, and the cell ends
 * at the next snippet boundary.
 * Thread.stop is the last resort JShell's own local engine uses too; it is aimed only at the one
 * execution thread (never at thread groups, so threads the cell started keep running), and only
 * while user code runs, not JShell's compiler. Its {@link ThreadDeath} unwinds the cell's code
 * and is caught by the execution loop, so the thread survives and keeps its state. A cell stopped
 * this way may leave its own objects half-updated, as with any forced stop.
 */
public final class CellInterrupter {
    private static final long POLL_MS = 20;
    private static final long GRACE_MS = 400;
    /** A cell that survives this long of stopping (it catches ThreadDeath) is left alone. */
    private static final long GIVE_UP_MS = 30_000;

    private final ExecutionThread executionThread;
    private final KernelExecutionControl control;
    private final SparkBridge spark;
    private volatile RunningCell current;
    /** The execution thread while the cell it runs is being interrupted; else null. */
    private static volatile Thread interrupting;

    public CellInterrupter(ExecutionThread executionThread, KernelExecutionControl control, SparkBridge spark) {
        this.executionThread = executionThread;
        this.control = control;
        this.spark = spark;
    }

    /**
     * Marks the start of a cell; the returned handle says whether it was interrupted.
     *
     * @param request when and by which client session the cell's execute_request was sent
     * @param cellId   the msg_id of that request; the cell's Spark jobs are in a group named by it
     */
    public RunningCell begin(RequestStamp request, String cellId) {
        RunningCell cell = new RunningCell(request, cellId);
        current = cell;
        return cell;
    }

    public void end(RunningCell cell) {
        interrupting = null;
        cell.ended.countDown();
        if (current == cell) {
            current = null;
        }
    }

    /**
     * Called on the control channel's thread; returns at once, the stopping happens on its own
     * thread. An interrupt the client sent before it sent the running cell is for an earlier cell
     * (shell and control are separate sockets, so the two can arrive in either order) and is dropped.
     */
    public void interrupt(RequestStamp interruptRequest) {
        RunningCell cell = current;
        if (cell == null || cell.interrupted) {
            return; // idle: jupyter_client interrupts before every shutdown
        }
        if (interruptRequest != null && cell.request != null && interruptRequest.precedes(cell.request)) {
            return;
        }
        cell.interrupted = true;
        interrupting = executionThread.thread();
        Thread stopper = new Thread(() -> stop(cell), "streamlab-cell-interrupter");
        stopper.setDaemon(true);
        stopper.start();
    }

    private void stop(RunningCell cell) {
        Thread target = executionThread.thread();
        try {
            spark.cancelJobsOf(cell.cellId);
        } catch (RuntimeException e) {
            System.err.println("Could not cancel Spark jobs: " + e);
        }
        long interruptedAt = -1;
        long giveUpAt = System.currentTimeMillis() + GIVE_UP_MS;
        try {
            // Interrupts and stops land only while the cell's own code runs (see
            // KernelExecutionControl); while JShell compiles, wait for the code to start.
            while (!cell.ended.await(POLL_MS, TimeUnit.MILLISECONDS) && System.currentTimeMillis() < giveUpAt) {
                long now = System.currentTimeMillis();
                if (interruptedAt < 0) {
                    if (control.interruptUserCode(target)) {
                        interruptedAt = now;
                    }
                } else if (now - interruptedAt >= GRACE_MS && control.stopUserCode(target)) {
                    cell.forced = true;
                    interruptedAt = now; // once more after another grace period if it survives
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * True on the execution thread while Kernel ▸ Interrupt stops its cell: what Spark logs there
     * at ERROR then (the interrupted broadcast, job or write) is the interrupt itself, which the
     * cell already reports.
     */
    public static boolean isBeingInterrupted(Thread thread) {
        return thread == interrupting;
    }

    /** One cell's interrupt state. */
    public static final class RunningCell {
        private final RequestStamp request;
        private final String cellId;
        private final CountDownLatch ended = new CountDownLatch(1);
        private volatile boolean interrupted;
        private volatile boolean forced;

        RunningCell(RequestStamp request, String cellId) {
            this.request = request;
            this.cellId = cellId;
        }

        public boolean interrupted() {
            return interrupted;
        }

        /** How the cell was stopped, for the error message. */
        public String how() {
            return forced ? "its code did not react to the interrupt and was stopped" : "";
        }
    }

    /** When a client session sent a request (from the message header). */
    public record RequestStamp(String session, java.time.Instant sent) {
        public static RequestStamp of(io.github.spencerpark.jupyter.messages.Header<?> header) {
            try {
                return new RequestStamp(header.getSessionId(),
                        java.time.OffsetDateTime.parse(header.getTimestamp().getDateString()).toInstant());
            } catch (RuntimeException unreadable) {
                return null; // without a date the interrupt applies to whatever runs
            }
        }

        boolean precedes(RequestStamp other) {
            return session != null && session.equals(other.session) && sent.isBefore(other.sent);
        }
    }
}
