package io.streamlab.kernel.spark;

/** One streaming query a cell started, as {@code %streams} lists it; free of Spark types. */
public record RunningStream(String id, String name, String cell, String state, double rowsPerSecond, long startedAtMillis) {
}
