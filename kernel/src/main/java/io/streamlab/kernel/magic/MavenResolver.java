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
    /** Repositories added with %mavenRepo, by id, searched after Maven's own (settings.xml, Central). */
    private final java.util.Map<String, String> repositories = new java.util.LinkedHashMap<>();

    public MavenResolver() {
        this(System.getenv().getOrDefault("STREAMLAB_MVN", "mvn"));
    }

    public MavenResolver(String mavenCommand) {
        this.mavenCommand = mavenCommand;
    }

    /** {@code %mavenRepo id url}: later resolutions also search this repository. */
    public void addRepository(String id, String url) {
        repositories.put(id, url);
    }

    /** The jars of {@code coordinates} and everything they need at run time. */
    public List<Path> resolve(List<MavenCoordinate> coordinates, java.util.function.BooleanSupplier cancelled)
            throws IOException, InterruptedException {
        StringBuilder dependencies = new StringBuilder();
        coordinates.forEach(c -> dependencies.append(c.dependencyXml()));
        return resolvePom(pom(dependencies.toString(), "", ""), coordinates.toString(), cancelled);
    }

    /**
     * The jars a POM's dependencies need at run time ({@code %%loadFromPOM}); {@code extraXml} holds
     * the POM's own repositories, properties and dependency management.
     */
    public List<Path> resolve(String dependenciesXml, String repositoriesXml, String extraXml, String what,
                              java.util.function.BooleanSupplier cancelled) throws IOException, InterruptedException {
        return resolvePom(pom(dependenciesXml, repositoriesXml, extraXml), what, cancelled);
    }

    private List<Path> resolvePom(String pomXml, Object what, java.util.function.BooleanSupplier cancelled)
            throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("streamlab-maven-");
        try {
            Path pom = work.resolve("pom.xml");
            Path classpathFile = work.resolve("classpath.txt");
            Files.writeString(pom, pomXml, StandardCharsets.UTF_8);
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
                throw new IOException("Maven could not resolve " + what + ":\n" + tail(log));
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
        StringBuilder dependencies = new StringBuilder();
        coordinates.forEach(c -> dependencies.append(c.dependencyXml()));
        return new MavenResolver("mvn").pom(dependencies.toString(), "", "");
    }

    String pom(String dependenciesXml, String repositoriesXml, String extraXml) {
        StringBuilder b = new StringBuilder();
        b.append("<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n")
                .append("  <modelVersion>4.0.0</modelVersion>\n")
                .append("  <groupId>io.streamlab.notebook</groupId><artifactId>maven-magic</artifactId><version>1</version>\n")
                .append("  <packaging>pom</packaging>\n");
        if (!repositories.isEmpty() || !repositoriesXml.isEmpty()) {
            b.append("  <repositories>\n");
            repositories.forEach((id, url) -> b.append("    <repository><id>").append(xml(id)).append("</id><url>")
                    .append(xml(url)).append("</url></repository>\n"));
            b.append(repositoriesXml).append("  </repositories>\n");
        }
        b.append(extraXml);
        return b.append("  <dependencies>\n").append(dependenciesXml).append("  </dependencies>\n</project>\n").toString();
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
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
