package io.streamlab.kernel.magic;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Resolves coordinates with their transitive runtime dependencies by running Maven (already on
 * the machine, with its settings, mirrors and local repository) on a generated pom: less code and
 * the same answers as the project's own build.
 */
public final class MavenResolver {
    /** Pinned so the result does not depend on Maven's default plugin version. */
    private static final String BUILD_CLASSPATH = "org.apache.maven.plugins:maven-dependency-plugin:3.6.1:build-classpath";
    /** Maven's own JVM gets a bounded heap too. */
    private static final String MAVEN_HEAP = "-Xmx256m";

    private final String mavenCommand;

    public MavenResolver() {
        this(System.getenv().getOrDefault("STREAMLAB_MVN", "mvn"));
    }

    public MavenResolver(String mavenCommand) {
        this.mavenCommand = mavenCommand;
    }

    /** The jars of {@code coordinates} and everything they need at run time. */
    public List<Path> resolve(List<MavenCoordinate> coordinates, java.util.function.BooleanSupplier cancelled)
            throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("streamlab-maven-");
        try {
            Path pom = work.resolve("pom.xml");
            Path classpathFile = work.resolve("classpath.txt");
            Files.writeString(pom, pom(coordinates), StandardCharsets.UTF_8);
            Path log = work.resolve("maven.log");
            ProcessBuilder pb = new ProcessBuilder(mavenCommand, "-B", "-q", "-f", pom.toString(), BUILD_CLASSPATH,
                    "-Dmdep.outputFile=" + classpathFile, "-Dmdep.includeScope=runtime")
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().put("MAVEN_OPTS", (System.getenv().getOrDefault("MAVEN_OPTS", "") + " " + MAVEN_HEAP).trim());
            Process maven;
            try {
                maven = pb.start();
            } catch (IOException e) {
                throw new IOException("%maven needs Maven: '" + mavenCommand + "' could not be started (" + e.getMessage()
                        + ") — install Maven or set STREAMLAB_MVN to the mvn executable", e);
            }
            try {
                while (!maven.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    if (cancelled.getAsBoolean()) {
                        throw new InterruptedException("%maven was interrupted");
                    }
                }
            } finally {
                if (maven.isAlive()) {
                    maven.destroyForcibly();
                }
            }
            int exit = maven.exitValue();
            if (exit != 0 || !Files.exists(classpathFile)) {
                throw new IOException("Maven could not resolve " + coordinates + ":\n" + tail(log));
            }
            List<Path> jars = new ArrayList<>();
            for (String entry : Files.readString(classpathFile).trim().split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    jars.add(Path.of(entry));
                }
            }
            return jars;
        } finally {
            deleteTree(work);
        }
    }

    static String pom(List<MavenCoordinate> coordinates) {
        StringBuilder b = new StringBuilder();
        b.append("<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n")
                .append("  <modelVersion>4.0.0</modelVersion>\n")
                .append("  <groupId>io.streamlab.notebook</groupId><artifactId>maven-magic</artifactId><version>1</version>\n")
                .append("  <packaging>pom</packaging>\n  <dependencies>\n");
        coordinates.forEach(c -> b.append(c.dependencyXml()));
        return b.append("  </dependencies>\n</project>\n").toString();
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        List<String> errors = lines.stream().filter(l -> l.contains("ERROR")).limit(10).toList();
        List<String> shown = errors.isEmpty() ? lines.subList(Math.max(0, lines.size() - 10), lines.size()) : errors;
        return String.join("\n", shown);
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory; nothing depends on it being gone
        }
    }
}
