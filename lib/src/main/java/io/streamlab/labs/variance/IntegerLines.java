package io.streamlab.labs.variance;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;

/**
 * Lines of integers separated by single spaces, like the seed's {@code 1 2 3 4 5 6}: an endless,
 * seedable sequence, so the same seed gives the same numbers on every run.
 *
 * <pre>{@code
 * IntegerLines.random(42).limit(3)   // [7 1 10 4 3 9, 2 2 8 5 1 6, ...]
 * IntegerLines.counting().next()     // "1 2 3 4 5 6", forever — the seed's producer
 * }</pre>
 */
public final class IntegerLines implements Iterator<String> {

    public static final int DEFAULT_PER_LINE = 6;
    public static final int DEFAULT_MAX = 10;

    private final Random random;
    private final int perLine;
    private final int max;

    private IntegerLines(Random random, int perLine, int max) {
        if (perLine < 1) {
            throw new IllegalArgumentException("a line needs at least one integer, got perLine=" + perLine);
        }
        if (max < 1) {
            throw new IllegalArgumentException("integers are drawn from 1 to max; max must be at least 1, got " + max);
        }
        this.random = random;
        this.perLine = perLine;
        this.max = max;
    }

    /** {@value #DEFAULT_PER_LINE} integers from 1 to {@value #DEFAULT_MAX} per line, drawn with {@code seed}. */
    public static IntegerLines random(long seed) {
        return random(seed, DEFAULT_PER_LINE, DEFAULT_MAX);
    }

    public static IntegerLines random(long seed, int perLine, int max) {
        return new IntegerLines(new Random(seed), perLine, max);
    }

    /** The seed's producer: {@code 1 2 3 4 5 6} on every line. */
    public static IntegerLines counting() {
        return new IntegerLines(null, DEFAULT_PER_LINE, DEFAULT_PER_LINE);
    }

    @Override
    public boolean hasNext() {
        return true;
    }

    @Override
    public String next() {
        StringJoiner line = new StringJoiner(" ");
        for (int i = 1; i <= perLine; i++) {
            line.add(Integer.toString(random == null ? i : 1 + random.nextInt(max)));
        }
        return line.toString();
    }

    /** The next {@code count} lines. */
    public List<String> limit(int count) {
        List<String> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            lines.add(next());
        }
        return lines;
    }

    /**
     * The integers of one line. Any run of whitespace separates them; anything else that is not an
     * integer is an error naming the token and the line.
     */
    public static long[] parse(String line) {
        String trimmed = line == null ? "" : line.strip();
        if (trimmed.isEmpty()) {
            return new long[0];
        }
        String[] tokens = trimmed.split("\\s+");
        long[] numbers = new long[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            try {
                numbers[i] = Long.parseLong(tokens[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + tokens[i] + "' in line '" + line + "' is not an integer");
            }
        }
        return numbers;
    }
}
