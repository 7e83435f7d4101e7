package io.streamlab.kernel.magic;

import io.streamlab.kernel.exec.JShellSession;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code %maven group:artifact:version ...} as in IJava: resolves the artifacts with their
 * transitive dependencies and adds them to the classpath. Jars the kernel already has (Spark,
 * Kafka, lib) are not added twice; where the kernel has another version, the kernel's is the one
 * that loads, and the cell is told.
 */
public final class MavenMagic implements LineMagic {
    private final MavenResolver resolver;

    public MavenMagic(MavenResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public Object run(List<String> args, String rawArgs, MagicContext context) throws Exception {
        List<MavenCoordinate> coordinates = new ArrayList<>();
        for (String arg : ClasspathMagics.requireSome(args, "%maven group:artifact:version [...]")) {
            coordinates.add(MavenCoordinate.parse(arg));
        }
        return addToClasspath(resolver.resolve(coordinates, context::interrupted), String.join(", ", args), context);
    }

    /** Adds resolved jars the kernel does not have yet, and says which. */
    Object addToClasspath(List<Path> jars, String what, MagicContext context) {
        KernelJars present = KernelJars.current();
        List<Path> added = new ArrayList<>();
        for (Path jar : jars) {
            String name = jar.getFileName().toString();
            if (present.hasFile(name)) {
                continue;
            }
            String other = present.otherVersionOf(name);
            if (other != null) {
                System.out.println("Note: the kernel already has " + other + "; it is used instead of " + name);
                continue;
            }
            added.add(jar);
        }
        context.addToClasspath(added);
        System.out.println("Resolved " + what + ": " + jars.size() + " jar(s), "
                + added.size() + " added to the classpath" + (added.isEmpty() ? "" : ":"));
        added.forEach(j -> System.out.println("  " + j.getFileName()));
        return JShellSession.NO_VALUE;
    }

    /** The jar file names on the kernel's own classpath. */
    static final class KernelJars {
        private final Set<String> files = new HashSet<>();

        static KernelJars current() {
            KernelJars k = new KernelJars();
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                k.files.add(Path.of(entry).getFileName().toString());
            }
            return k;
        }

        boolean hasFile(String name) {
            return files.contains(name);
        }

        /** "commons-lang3-3.12.0.jar" for "commons-lang3-3.14.0.jar", or null. */
        String otherVersionOf(String name) {
            String stem = artifactStem(name);
            for (String f : files) {
                if (stem != null && stem.equals(artifactStem(f))) {
                    return f;
                }
            }
            return null;
        }

        /** The file name up to the version: the part before the first "-<digit>". */
        static String artifactStem(String jarName) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(.+?)-\\d").matcher(jarName);
            return m.find() ? m.group(1) : null;
        }
    }
}
