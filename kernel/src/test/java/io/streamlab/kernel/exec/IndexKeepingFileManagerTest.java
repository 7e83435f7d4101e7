package io.streamlab.kernel.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexKeepingFileManagerTest {

    /** The real standard file manager, with every handleOption call it receives written down. */
    private static StandardJavaFileManager recording(List<String> received) {
        StandardJavaFileManager standard = ToolProvider.getSystemJavaCompiler().getStandardFileManager(null, null, null);
        return (StandardJavaFileManager) Proxy.newProxyInstance(IndexKeepingFileManagerTest.class.getClassLoader(),
                new Class<?>[]{StandardJavaFileManager.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("handleOption")) {
                        received.add((String) arguments[0]);
                    }
                    try {
                        return method.invoke(standard, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void compilationsAfterTheFirstDoNotResetTheClassPathIndex() {
        List<String> received = new ArrayList<>();
        try (JShell shell = JShell.builder().executionEngine("local")
                .fileManager(standard -> new IndexKeepingFileManager(recording(received))).build()) {
            for (int i = 0; i < 5; i++) {
                assertEquals("2", shell.eval("1 + 1").get(0).value());
            }
        }
        assertEquals(1, received.stream().filter("--multi-release"::equals).count(), received.toString());
    }

    @Test
    void aJarAddedLaterIsStillFound(@TempDir Path directory) throws Exception {
        Path jar = jarWith(directory, "lab.Station", "package lab; public class Station { public static String name() { return \"A\"; } }");
        try (JShell shell = JShell.builder().executionEngine("local")
                .fileManager(IndexKeepingFileManager::new).build()) {
            assertEquals(Snippet.Status.REJECTED, shell.eval("lab.Station.name()").get(0).status());
            assertEquals("\"1\"", shell.eval("String.valueOf(1)").get(0).value());  // the index is built and kept

            shell.addToClasspath(jar.toString());

            SnippetEvent event = shell.eval("lab.Station.name()").get(0);
            assertEquals(Snippet.Status.VALID, event.status(), String.valueOf(event));
            assertEquals("\"A\"", event.value());
        }
    }

    private static Path jarWith(Path directory, String className, String source) throws Exception {
        Path sources = Files.createDirectories(directory.resolve("src"));
        Path file = sources.resolve(className.substring(className.lastIndexOf('.') + 1) + ".java");
        Files.writeString(file, source);
        Path classes = Files.createDirectories(directory.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, "-d", classes.toString(), file.toString()));
        Path jar = directory.resolve("lab.jar");
        String entry = className.replace('.', '/') + ".class";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry(entry));
            out.write(Files.readAllBytes(classes.resolve(entry)));
            out.closeEntry();
        }
        return jar;
    }
}
