package io.streamlab.kernel.exec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;

/**
 * The directory Spark serves to executors as {@code spark.repl.class.outputDir} (the mechanism
 * spark-shell uses): every class a cell defines is written here as a .class file, so lambdas and
 * classes defined in cells can be loaded on a standalone cluster's executors. The copies here
 * refuse to read top-level cell variables ({@link ExecutorClassRewriter}).
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
            dir.copyGuardClass();
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

    /** The class executors call instead of reading a cell variable; served like the cells' classes. */
    private void copyGuardClass() throws IOException {
        String resource = ExecutorClassRewriter.GUARD + ".class";
        try (java.io.InputStream in = ClassOutputDirectory.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " is missing from the kernel jar — rebuild the kernel");
            }
            Path file = root.resolve(resource);
            Files.createDirectories(file.getParent());
            Files.write(file, in.readAllBytes());
        }
    }

    void write(ClassBytecodes[] classes) {
        for (ClassBytecodes c : classes) {
            Path file = root.resolve(c.name().replace('.', '/') + ".class");
            try {
                Files.createDirectories(file.getParent());
                Files.write(file, forExecutors(c));
            } catch (IOException e) {
                // Local mode does not need the files; only executors on a cluster would miss the class.
                System.err.println("Could not write cell class " + c.name() + " to " + file + ": " + e.getMessage()
                        + " — cell-defined functions will not reach cluster executors");
            }
        }
    }

    private static byte[] forExecutors(ClassBytecodes c) {
        try {
            return ExecutorClassRewriter.rewrite(c.bytecodes());
        } catch (RuntimeException e) {
            // Better the plain class (reads of cell variables give 0/null there) than none.
            System.err.println("Could not prepare cell class " + c.name() + " for Spark executors: " + e);
            return c.bytecodes();
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
