package io.streamlab.weather;

import java.util.ArrayList;
import java.util.List;

/** Station names: single upper-case letters, so there are at most 26 stations (A…Z). */
public final class Stations {

    public static final int MAX_COUNT = 26;

    private Stations() {
    }

    /** The first {@code count} station names: A, B, C, … */
    public static List<String> names(int count) {
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("the number of stations must be between 1 and " + MAX_COUNT
                    + " (one per letter A…Z), got " + count);
        }
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(String.valueOf((char) ('A' + i)));
        }
        return List.copyOf(names);
    }

    /** True for a single letter A…Z. */
    public static boolean isValid(String name) {
        return name != null && name.length() == 1 && name.charAt(0) >= 'A' && name.charAt(0) <= 'Z';
    }

    static String requireValid(String name) {
        if (!isValid(name)) {
            throw new IllegalArgumentException("a station name is one letter A…Z, got "
                    + (name == null ? "null" : '"' + name + '"'));
        }
        return name;
    }
}
