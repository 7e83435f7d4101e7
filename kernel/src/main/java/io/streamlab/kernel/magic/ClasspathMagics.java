package io.streamlab.kernel.magic;

import io.github.spencerpark.jupyter.kernel.util.GlobFinder;
import io.streamlab.kernel.exec.JShellSession;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code %jars glob...} and {@code %classpath path...} as in IJava: add jars (globs allowed) or
 * class directories, so the next snippets can import from them.
 */
public final class ClasspathMagics {
    private ClasspathMagics() {
    }

    public static Object jars(List<String> args, String raw, MagicContext context) throws IOException {
        List<Path> found = new ArrayList<>();
        for (String glob : requireSome(args, "%jars path/to/*.jar")) {
            List<Path> matches = new ArrayList<>();
            for (Path p : new GlobFinder(glob).computeMatchingFiles()) {
                if (p.toString().endsWith(".jar")) {
                    matches.add(p.toAbsolutePath());
                }
            }
            if (matches.isEmpty()) {
                throw new IllegalArgumentException("%jars: no jar matches " + glob
                        + " (relative paths start at " + Path.of("").toAbsolutePath() + ")");
            }
            found.addAll(matches);
        }
        context.addToClasspath(found);
        System.out.println("Added " + found.size() + " jar(s) to the classpath");
        return JShellSession.NO_VALUE;
    }

    public static Object classpath(List<String> args, String raw, MagicContext context) throws IOException {
        List<Path> found = new ArrayList<>();
        for (String arg : requireSome(args, "%classpath dir-or-jar[" + File.pathSeparator + "more]")) {
            for (String entry : arg.split(File.pathSeparator)) {
                if (entry.isBlank()) {
                    continue;
                }
                Path literal = Path.of(entry);
                if (Files.exists(literal)) {
                    found.add(literal.toAbsolutePath());
                    continue;
                }
                List<Path> matches = new ArrayList<>();
                new GlobFinder(entry).computeMatchingPaths().forEach(p -> matches.add(p.toAbsolutePath()));
                if (matches.isEmpty()) {
                    throw new IllegalArgumentException("%classpath: nothing at " + entry
                            + " (relative paths start at " + Path.of("").toAbsolutePath() + ")");
                }
                found.addAll(matches);
            }
        }
        context.addToClasspath(found);
        System.out.println("Added " + found.size() + " entr" + (found.size() == 1 ? "y" : "ies") + " to the classpath");
        return JShellSession.NO_VALUE;
    }

    static List<String> requireSome(List<String> args, String usage) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("Usage: " + usage);
        }
        return args;
    }
}
