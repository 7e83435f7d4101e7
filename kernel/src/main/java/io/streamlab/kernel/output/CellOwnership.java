package io.streamlab.kernel.output;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Decides which cell a thread's output belongs to.
 *
 * <ol>
 *   <li>A Spark task carries the cell that submitted its job (a local property set per cell), so
 *       a {@code foreach(println)} in cell 7 prints under cell 7 even though Spark's pool threads
 *       were created when the session started in cell 2.</li>
 *   <li>Any other thread belongs to the cell that was running on the thread that created it
 *       (captured at thread creation, like an inheritable thread local), so a consumer thread
 *       started in cell 3 keeps printing under cell 3 after cell 3 has finished. Fork/join pool
 *       workers are shared by all cells, so while a cell runs their output is that cell's.</li>
 *   <li>Threads without an owner (started before any cell, by the kernel itself) print under the
 *       running cell, else under the last cell, so nothing printed is lost.</li>
 * </ol>
 */
public final class CellOwnership {
    private static final int REMEMBERED_CELLS = 512;

    private final InheritableThreadLocal<CellContext> owner = new InheritableThreadLocal<>();
    private final Map<String, CellContext> recentCells = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CellContext> eldest) {
            return size() > REMEMBERED_CELLS;
        }
    };
    private volatile CellContext running;
    private volatile CellContext last;
    private volatile Supplier<String> taskCellId = () -> null;

    /** Called on the execution thread when a cell starts: threads it creates from now on inherit the cell. */
    public void enterCell(CellContext cell) {
        synchronized (recentCells) {
            recentCells.put(cell.id(), cell);
        }
        owner.set(cell);
        running = cell;
        last = cell;
    }

    public void leaveCell(CellContext cell) {
        if (running == cell) {
            running = null;
        }
    }

    /** A recent cell by the msg_id of its request, or null. */
    public CellContext cell(String id) {
        synchronized (recentCells) {
            return id == null ? null : recentCells.get(id);
        }
    }

    public CellContext running() {
        return running;
    }

    /** Lets the Spark bridge name the cell of the task running on the current thread. */
    public void setTaskCellLookup(Supplier<String> lookup) {
        this.taskCellId = lookup;
    }

    public CellContext ownerOfCurrentThread() {
        String taskCell = taskCellId.get();
        if (taskCell != null) {
            CellContext cell;
            synchronized (recentCells) {
                cell = recentCells.get(taskCell);
            }
            if (cell != null) {
                return cell;
            }
        }
        CellContext cell = owner.get();
        if (cell != null && running != null && Thread.currentThread() instanceof java.util.concurrent.ForkJoinWorkerThread) {
            // The common pool's workers are shared by every cell (parallel streams, runAsync):
            // while a cell runs, their output is that cell's, not that of the cell that happened
            // to create the worker.
            return running;
        }
        if (cell != null) {
            return cell;
        }
        cell = running;
        return cell != null ? cell : last;
    }
}
