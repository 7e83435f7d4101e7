package io.streamlab.kernel;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes the {@code java} kernelspec where Jupyter looks for the user's kernels
 * ({@code $JUPYTER_DATA_DIR/kernels/java}, else {@code ~/.local/share/jupyter/kernels/java}).
 * Run it after every build; it overwrites the previous spec. {@code ./streamlab kernel} does, as
 *
 * <pre>
 * java -cp 'kernel/target/streamlab-kernel-VERSION.jar:kernel/target/lib/*' \
 *      io.streamlab.kernel.KernelspecInstaller [--heap 1536m] [--kernels-dir DIR]
 * </pre>
 *
 * with VERSION the project's, which only {@code pom.xml} writes down.
 *
 * The spec names this JVM's {@code java} by absolute path, the kernel jar and its
 * {@code target/lib} (lib, Spark, Kafka, Tablesaw …) as classpath, and the JVM flags Spark needs on
 * Java 17 from {@code jvm/spark-java17.args} (expanded, so the spec works from any directory).
 */
public final class KernelspecInstaller {
    static final String KERNEL_NAME = "java";
    /** The notebook JVM with Spark in local mode must stay under 2 GiB resident. */
    static final String DEFAULT_HEAP = "1536m";

    private KernelspecInstaller() {
    }

    public static void main(String[] args) throws Exception {
        String heap = DEFAULT_HEAP;
        Path kernelsDir = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--heap" -> heap = value(args, ++i);
                case "--kernels-dir" -> kernelsDir = Path.of(value(args, ++i));
                default -> usage("unknown option " + args[i]);
            }
        }
        if (!heap.matches("\\d+[mMgG]")) {
            usage("--heap takes a size like 1536m or 2g, not " + heap);
        }
        Path dir = (kernelsDir != null ? kernelsDir : defaultKernelsDir()).resolve(KERNEL_NAME);
        Files.createDirectories(dir);
        Path target = dir.resolve("kernel.json");
        Path tmp = dir.resolve("kernel.json.tmp");
        Files.writeString(tmp, kernelJson(heap), StandardCharsets.UTF_8);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("Installed kernelspec '" + KERNEL_NAME + "' in " + dir);
    }

    /** Where Jupyter looks for a user's kernels: the same rules as jupyter_core's {@code jupyter_data_dir()}. */
    static Path defaultKernelsDir() {
        String data = System.getenv("JUPYTER_DATA_DIR");
        if (data != null && !data.isBlank()) {
            return Path.of(data, "kernels");
        }
        String xdgData = System.getenv("XDG_DATA_HOME");
        if (xdgData != null && !xdgData.isBlank()) {
            return Path.of(xdgData, "jupyter", "kernels");
        }
        // Jupyter expands "~" from $HOME; Java's user.home comes from the password database instead.
        String home = System.getenv("HOME");
        return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"),
                ".local", "share", "jupyter", "kernels");
    }

    static String kernelJson(String heap) throws IOException, URISyntaxException {
        Path jar = Path.of(KernelspecInstaller.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
        Path target = jar.getParent();                       // kernel/target (or kernel/target/classes)
        if (target.getFileName().toString().equals("classes")) {
            target = target.getParent();
        }
        Path libDir = target.resolve("lib");
        Path repo = target.getParent().getParent();          // <repo>/kernel/target -> <repo>
        Path sparkArgs = repo.resolve("jvm").resolve("spark-java17.args");
        if (!Files.isDirectory(libDir)) {
            throw new IllegalStateException("No " + libDir + " — build first: mvn -B -q -pl kernel -am package -DskipTests");
        }
        if (!Files.isRegularFile(sparkArgs)) {
            throw new IllegalStateException("No " + sparkArgs + " — run the installer from the built repository");
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java").toAbsolutePath();
        if (Runtime.version().feature() < 17) {
            throw new IllegalStateException("The kernel needs Java 17 or newer; run the installer with a Java 17 'java'");
        }

        List<String> argv = new ArrayList<>();
        argv.add(java.toString());
        argv.add("-Xmx" + heap);
        // Bounded off-heap parts too, so heap + metaspace + buffers stay under 2 GiB resident.
        argv.add("-XX:MaxDirectMemorySize=256m");
        argv.add("-XX:ReservedCodeCacheSize=128m");
        // Two cores and a small heap: the serial collector has the least overhead in memory and threads.
        argv.add("-XX:+UseSerialGC");
        // Charts and images render without a display.
        argv.add("-Djava.awt.headless=true");
        // A query's panel names the cell line that started it, which JShell maps internally (WrapperLines).
        argv.add("--add-opens=jdk.jshell/jdk.jshell=ALL-UNNAMED");
        argv.addAll(Files.readAllLines(sparkArgs).stream().map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(Collectors.toList()));
        argv.add("-cp");
        String classpath = (jar.toString().endsWith(".jar") ? jar : target.resolve("classes")) + File.pathSeparator + libDir.resolve("*");
        argv.add(classpath);
        argv.add(KernelMain.class.getName());
        argv.add("{connection_file}");

        StringBuilder json = new StringBuilder("{\n  \"argv\": [\n");
        for (int i = 0; i < argv.size(); i++) {
            json.append("    ").append(quote(argv.get(i))).append(i + 1 < argv.size() ? ",\n" : "\n");
        }
        json.append("  ],\n")
                .append("  \"display_name\": \"Java\",\n")
                .append("  \"language\": \"java\",\n")
                // Without this Jupyter sends SIGINT, which ends the JVM instead of the cell.
                .append("  \"interrupt_mode\": \"message\",\n")
                .append("  \"env\": {},\n")
                .append("  \"metadata\": {\"streamlab_repo\": ").append(quote(repo.toString())).append("}\n")
                .append("}\n");
        return json.toString();
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.append('"').toString();
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            usage(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("Usage: KernelspecInstaller [--heap 1536m] [--kernels-dir DIR]"
                + " (./streamlab kernel runs it with the jars the build made)");
        System.exit(2);
    }
}
