package io.streamlab.kernel.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * This kernel session's executed cells, for {@code history_request} as ipykernel answers it: the
 * session is number {@value #SESSION} (0 and negative numbers are read as IPython reads them,
 * relative to the current one); each entry is the cell's number, its code and, if asked, the
 * text of its result (null if it had none). Kept in memory: a new kernel starts a new history.
 */
public final class CellHistory {
    public static final int SESSION = 1;

    private final List<Cell> cells = new ArrayList<>();

    private record Cell(int number, String input, String output) {
    }

    public synchronized void add(int number, String input) {
        cells.add(new Cell(number, input, null));
    }

    /** The text/plain of the result of cell {@code number}. */
    public synchronized void setOutput(int number, String output) {
        for (int i = cells.size() - 1; i >= 0; i--) {
            if (cells.get(i).number() == number) {
                cells.set(i, new Cell(number, cells.get(i).input(), output));
                return;
            }
        }
    }

    /** The last {@code n} cells, oldest first. */
    public synchronized List<List<Object>> tail(int n, boolean output) {
        return entries(cells.subList(Math.max(0, cells.size() - Math.max(0, n)), cells.size()), output);
    }

    /** Cells numbered {@code start} up to, not including, {@code stop} (to the end if stop ≤ 0). */
    public synchronized List<List<Object>> range(int session, int start, int stop, boolean output) {
        if (session != SESSION && session != 0) {
            return List.of(); // earlier sessions are not kept
        }
        List<Cell> found = new ArrayList<>();
        for (Cell c : cells) {
            if (c.number() >= start && (stop <= 0 || c.number() < stop)) {
                found.add(c);
            }
        }
        return entries(found, output);
    }

    /**
     * Cells whose code matches the glob {@code pattern} (IPython's sqlite GLOB: {@code *}, {@code ?},
     * {@code [...]}, the whole code); the last {@code n} of them (all for n ≤ 0), and with
     * {@code unique} each code once, at its latest run.
     */
    public synchronized List<List<Object>> search(String pattern, int n, boolean unique, boolean output) {
        Pattern glob = glob(pattern == null || pattern.isEmpty() ? "*" : pattern);
        Map<String, Cell> latest = new LinkedHashMap<>();
        List<Cell> found = new ArrayList<>();
        for (Cell c : cells) {
            if (glob.matcher(c.input()).matches()) {
                if (unique) {
                    latest.remove(c.input());
                    latest.put(c.input(), c);
                } else {
                    found.add(c);
                }
            }
        }
        if (unique) {
            found.addAll(latest.values());
        }
        return entries(n > 0 ? found.subList(Math.max(0, found.size() - n), found.size()) : found, output);
    }

    static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                case '[' -> {
                    int close = glob.indexOf(']', i + 2);
                    if (close < 0) {
                        regex.append("\\[");
                    } else {
                        // SQLite's sets read as regex sets: [abc], [a-z], [^abc].
                        regex.append('[').append(glob.substring(i + 1, close).replace("\\", "\\\\")).append(']');
                        i = close;
                    }
                }
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    /** Rows as the protocol sends them: {@code [session, line, input]}, or {@code [session, line, [input, output]]}. */
    private static List<List<Object>> entries(List<Cell> found, boolean output) {
        List<List<Object>> entries = new ArrayList<>();
        for (Cell c : found) {
            entries.add(List.of(SESSION, c.number(), output ? java.util.Arrays.asList(c.input(), c.output()) : c.input()));
        }
        return entries;
    }
}
