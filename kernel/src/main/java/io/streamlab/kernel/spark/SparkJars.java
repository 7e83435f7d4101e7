package io.streamlab.kernel.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import org.apache.spark.SparkContext;

/**
 * Jars the cells added to the kernel's class path, shipped to a cluster's executors with
 * {@code SparkContext.addJar}, so a lambda that uses a {@code %maven} library runs on the worker.
 * Remembered, so a context created after the {@code %maven} cell gets them too. Local mode needs
 * none of this: its tasks load classes through the cell's own class loader, which has the jars.
 */
final class SparkJars {
    private static final Set<Path> JARS = Collections.synchronizedSet(new LinkedHashSet<>());
    private static final Map<SparkContext, Set<Path>> SHIPPED = new WeakHashMap<>();

    private SparkJars() {
    }

    static void remember(Iterable<Path> entries) {
        for (Path p : entries) {
            // addJar takes jars, not class directories.
            if (p.toString().endsWith(".jar") && Files.isRegularFile(p)) {
                JARS.add(p.toAbsolutePath());
            }
        }
    }

    static void shipTo(SparkContext sc) {
        if (sc == null || sc.isLocal() || sc.isStopped()) {
            return;
        }
        synchronized (SHIPPED) {
            Set<Path> done = SHIPPED.computeIfAbsent(sc, k -> new LinkedHashSet<>());
            synchronized (JARS) {
                for (Path jar : JARS) {
                    if (done.add(jar)) {
                        sc.addJar(jar.toString());
                    }
                }
            }
        }
    }
}
