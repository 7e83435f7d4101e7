package io.streamlab.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks that the java which will run the services exists and is recent enough. */
public final class JavaRuntime {

    public static final int MINIMUM_VERSION = 17;
    private static final String INSTALL_HINT = "install OpenJDK 17 (apt-get install openjdk-17-jdk-headless)";
    private static final Pattern SPECIFICATION = Pattern.compile("java\\.specification\\.version = (?:1\\.)?(\\d+)");

    private JavaRuntime() {
    }

    public static void require(Path java) {
        Path own = Path.of(System.getProperty("java.home"), "bin", "java");
        if (java.equals(own)) {
            requireVersion(java, Runtime.version().feature());
            return;
        }
        if (!Files.isExecutable(java)) {
            throw new ClusterException("Java not found: " + java + " (from " + ClusterSettings.JAVA
                    + ") is not an executable file — "
                    + INSTALL_HINT + " or point " + ClusterSettings.JAVA + " at a java binary");
        }
        requireVersion(java, versionOf(java));
    }

    private static void requireVersion(Path java, int version) {
        if (version < MINIMUM_VERSION) {
            throw new ClusterException("Java " + version + " at " + java + " is too old: the cluster needs Java "
                    + MINIMUM_VERSION + " or newer — " + INSTALL_HINT + " or point " + ClusterSettings.JAVA
                    + " at one");
        }
    }

    private static int versionOf(Path java) {
        try {
            Process process = new ProcessBuilder(java.toString(), "-XshowSettings:properties", "-version")
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            Matcher matcher = SPECIFICATION.matcher(output);
            if (!matcher.find()) {
                throw new ClusterException("Cannot tell the version of " + java
                        + " (it printed no java.specification.version) — "
                        + INSTALL_HINT + " or point " + ClusterSettings.JAVA + " at one");
            }
            return Integer.parseInt(matcher.group(1));
        } catch (IOException e) {
            throw new ClusterException("Java at " + java + " does not run: " + e.getMessage() + " — "
                    + INSTALL_HINT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("Interrupted while checking " + java, e);
        }
    }
}
