package io.streamlab.kernel.display;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * "Is this object a Spark Dataset?" answered by class name, so the kernel never loads Spark,
 * Tablesaw or XChart classes for a cell that does not use them.
 */
final class TypeNames {
    private TypeNames() {
    }

    static boolean isA(Object value, String className) {
        if (value == null) {
            return false;
        }
        Deque<Class<?>> todo = new ArrayDeque<>();
        Set<Class<?>> seen = new HashSet<>();
        todo.add(value.getClass());
        while (!todo.isEmpty()) {
            Class<?> c = todo.poll();
            if (!seen.add(c)) {
                continue;
            }
            if (c.getName().equals(className)) {
                return true;
            }
            if (c.getSuperclass() != null) {
                todo.add(c.getSuperclass());
            }
            for (Class<?> i : c.getInterfaces()) {
                todo.add(i);
            }
        }
        return false;
    }
}
