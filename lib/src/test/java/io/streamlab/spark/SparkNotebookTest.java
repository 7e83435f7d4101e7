package io.streamlab.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The committed notebook without a cluster: its format, and that every code cell splits into
 * complete JShell snippets the way a JShell-based kernel splits it. (Running it needs Kafka; the
 * lead's notebook run does that.)
 */
class SparkNotebookTest {

    private static final Path NOTEBOOK = Path.of("..", "notebooks", "spark.ipynb");

    private static JsonNode notebook;

    @BeforeAll
    static void read() throws Exception {
        notebook = new ObjectMapper().readTree(Files.readString(NOTEBOOK));
    }

    private static List<String> codeCells() {
        List<String> cells = new ArrayList<>();
        for (JsonNode cell : notebook.get("cells")) {
            if (cell.get("cell_type").asText().equals("code")) {
                cells.add(source(cell));
            }
        }
        return cells;
    }

    private static String source(JsonNode cell) {
        JsonNode source = cell.get("source");
        if (source.isArray()) {
            StringBuilder text = new StringBuilder();
            source.forEach(line -> text.append(line.asText()));
            return text.toString();
        }
        return source.asText();
    }

    @Test
    void isAnNbformat4JavaNotebookWithoutOutputs() {
        assertEquals(4, notebook.get("nbformat").asInt());
        JsonNode kernel = notebook.get("metadata").get("kernelspec");
        assertEquals("java", kernel.get("name").asText());
        assertEquals("Java", kernel.get("display_name").asText());
        assertEquals("java", kernel.get("language").asText());
        for (JsonNode cell : notebook.get("cells")) {
            if (cell.get("cell_type").asText().equals("code")) {
                assertEquals(0, cell.get("outputs").size(), "committed output in: " + source(cell));
                assertTrue(cell.get("execution_count").isNull(), "execution count in: " + source(cell));
            }
        }
    }

    @Test
    void everyCodeCellFollowsAnExplanation() {
        String previous = "none";
        for (JsonNode cell : notebook.get("cells")) {
            String type = cell.get("cell_type").asText();
            if (type.equals("code") && !previous.equals("markdown") && !previous.equals("none")) {
                fail("code cell without a markdown cell before it: " + source(cell));
            }
            previous = type;
        }
    }

    /**
     * Feeds every cell to JShell as a kernel does — split by {@code analyzeCompletion}, then
     * {@code eval} — with an execution engine that loads nothing and runs nothing. JShell still
     * compiles each snippet against lib's classpath and the earlier cells, so a misspelt name, a
     * wrong type or a cell that is not valid JShell is rejected here, without Kafka or HDFS.
     */
    @Test
    void theCellsCompileInJShell() {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        try (JShell shell = JShell.builder().executionEngine(new CompileOnly(), Map.of()).build()) {
            for (String entry : classpath.split(File.pathSeparator)) {
                shell.addToClasspath(entry);
            }
            int snippets = 0;
            for (String cell : codeCells()) {
                String rest = cell;
                while (!rest.isBlank()) {
                    SourceCodeAnalysis.CompletionInfo info = shell.sourceCodeAnalysis().analyzeCompletion(rest);
                    SourceCodeAnalysis.Completeness completeness = info.completeness();
                    assertTrue(completeness == SourceCodeAnalysis.Completeness.COMPLETE
                                    || completeness == SourceCodeAnalysis.Completeness.COMPLETE_WITH_SEMI,
                            completeness + " snippet in cell:\n" + cell);
                    for (SnippetEvent event : shell.eval(info.source())) {
                        if (event.causeSnippet() == null) {
                            snippets++;
                            assertTrue(event.status() == Snippet.Status.VALID, event.status() + ": "
                                    + event.snippet().source() + "\n" + shell.diagnostics(event.snippet())
                                    .map(d -> d.getMessage(Locale.ROOT)).toList());
                        }
                    }
                    rest = info.remaining();
                }
            }
            assertTrue(snippets > 30, "only " + snippets + " snippets: is the notebook complete?");
        }
    }

    /** A JShell execution engine that compiles but never loads or runs a snippet. */
    private static final class CompileOnly implements ExecutionControlProvider {
        @Override
        public String name() {
            return "compile-only";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            return new ExecutionControl() {
                @Override public void load(ClassBytecodes[] classes) { }
                @Override public void redefine(ClassBytecodes[] classes) { }
                @Override public String invoke(String className, String methodName) { return ""; }
                @Override public String varValue(String className, String varName) { return ""; }
                @Override public void addToClasspath(String path) { }
                @Override public void stop() { }
                @Override public Object extensionCommand(String command, Object arg) { return null; }
                @Override public void close() { }
            };
        }
    }
}
