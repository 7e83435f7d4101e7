package io.streamlab.kernel.exec;

import jdk.jshell.spi.ExecutionControl.ClassBytecodes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The directory Spark serves to executors as {@code spark.repl.class.outputDir} (the mechanism
 * spark-shell uses): every class a cell defines is written here as a .class file, so lambdas and
 * classes defined in cells can be loaded on a standalone cluster's executors.
 */
public final class ClassOutputDirectory {
    /** The Spark setting; SparkConf picks up {@code spark.*} system properties. */
    public static final String SPARK_PROPERTY = "spark.repl.class.outputDir";

    private final Path root;

    private ClassOutputDirectory(Path root) {
        this.root = root;
    }

    /** A fresh temporary directory, announced to Spark and removed when the JVM exits. */
    public static ClassOutputDirectory createForSpark() {
        try {
            Path root = Files.createTempDirectory("streamlab-kernel-classes-");
            System.setProperty(SPARK_PROPERTY, root.toString());
            ClassOutputDirectory dir = new ClassOutputDirectory(root);
            Runtime.getRuntime().addShutdownHook(new Thread(dir::delete, "streamlab-class-dir-cleanup"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the directory for cell classes in "
                    + System.getProperty("java.io.tmpdir") + " — check that it is writable", e);
        }
    }

    public Path root() {
        return root;
    }

    void write(ClassBytecodes[] classes) {
        for (ClassBytecodes c : classes) {
            Path file = root.resolve(c.name().replace('.', '/') + ".class");
            try {
                Files.createDirectories(file.getParent());
                Files.write(file, c.bytecodes());
            } catch (IOException e) {
                // Local mode does not need the files; only executors on a cluster would miss the class.
                System.err.println("Could not write cell class " + c.name() + " to " + file + ": " + e.getMessage()
                        + " — cell-defined functions will not reach cluster executors");
            }
        }
    }

    private void delete() {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // Temporary files; the OS cleans the temp directory eventually.
        }
    }
}
