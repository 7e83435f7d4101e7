package io.streamlab.labs.variance;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.StringJoiner;

/**
 * Lines of integers separated by single spaces, like the seed's {@code 1 2 3 4 5 6}: a seedable
 * sequence, so the same seed gives the same numbers on every run; endless unless made with
 * {@link #of(VarianceSettings)}, which ends after the settings' number of lines.
 *
 * <pre>{@code
 * IntegerLines.random(42).limit(3)   // [7 1 10 4 3 9, 2 2 8 5 1 6, ...]
 * IntegerLines.counting().next()     // "1 2 3 4 5 6", forever — the seed's producer
 * IntegerLines.of(settings)          // what the lab's producer sends: by default "1 2 3 4 5 6" twice
 * }</pre>
 */
public final class IntegerLines implements Iterator<String> {

    public static final int DEFAULT_PER_LINE = 6;
    public static final int DEFAULT_MAX = 10;

    private final Random random;
    private final int perLine;
    private final int max;
    private long remaining;

    private IntegerLines(Random random, int perLine, int max, long lines) {
        if (perLine < 1) {
            throw new IllegalArgumentException("a line needs at least one integer, got perLine=" + perLine);
        }
        if (max < 1) {
            throw new IllegalArgumentException("integers are drawn from 1 to max; max must be at least 1, got " + max);
        }
        this.random = random;
        this.perLine = perLine;
        this.max = max;
        this.remaining = lines;
    }

    /** {@value #DEFAULT_PER_LINE} integers from 1 to {@value #DEFAULT_MAX} per line, drawn with {@code seed}. */
    public static IntegerLines random(long seed) {
        return random(seed, DEFAULT_PER_LINE, DEFAULT_MAX);
    }

    public static IntegerLines random(long seed, int perLine, int max) {
        return new IntegerLines(new Random(seed), perLine, max, Long.MAX_VALUE);
    }

    /** The seed's producer: {@code 1 2 3 4 5 6} on every line. */
    public static IntegerLines counting() {
        return new IntegerLines(null, DEFAULT_PER_LINE, DEFAULT_PER_LINE, Long.MAX_VALUE);
    }

    /** The lab's input: the seed's line or seeded random lines, {@code settings.lines()} of them, then no more. */
    public static IntegerLines of(VarianceSettings settings) {
        return settings.input() == VarianceSettings.Input.EXAMPLE
                ? new IntegerLines(null, DEFAULT_PER_LINE, DEFAULT_PER_LINE, settings.lines())
                : new IntegerLines(new Random(settings.seed()), DEFAULT_PER_LINE, DEFAULT_MAX, settings.lines());
    }

    @Override
    public boolean hasNext() {
        return remaining > 0;
    }

    @Override
    public String next() {
        if (remaining <= 0) {
            throw new NoSuchElementException("all lines of this sequence were sent");
        }
        remaining--;
        StringJoiner line = new StringJoiner(" ");
        for (int i = 1; i <= perLine; i++) {
            line.add(Integer.toString(random == null ? i : 1 + random.nextInt(max)));
        }
        return line.toString();
    }

    /** The next {@code count} lines, fewer if the sequence ends first. */
    public List<String> limit(int count) {
        List<String> lines = new ArrayList<>(count);
        for (int i = 0; i < count && hasNext(); i++) {
            lines.add(next());
        }
        return lines;
    }
}
