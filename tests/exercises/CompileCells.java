import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jdk.jshell.Diag;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compiles notebooks' cells with JShell as the Java kernel does — same compiler options, same start-up
 * imports, same classpath, cells cut into snippets the same way — but runs none of them: the execution
 * engine's invoke does nothing. So every declaration and statement is compiled for real (reachability,
 * missing returns, types), without Kafka, HDFS or Spark.
 *
 * <p>Input (a JSON file): {@code [{"notebook": NAME, "cells": [{"number": N, "solution": SRC,
 * "exercise": SRC or null}]}]}. A cell with an exercise version is compiled as the exercise first — in
 * the context of the solution cells before it — up to the snippet that throws the exercise's
 * exception (the kernel stops the cell there), then as the solution, whose declarations later cells use.
 * Prints {@code FAIL notebook cell N line L (exercise|solution): message} per rejected snippet and
 * {@code OK notebook: …} per notebook; exits 1 if anything failed.
 */
public class CompileCells {
    static final String EXERCISE_THROW = "UnsupportedOperationException(\"exercise:";

    /** DirectExecutionControl that loads the compiled classes but never runs a snippet. */
    static final class CompileOnly extends DirectExecutionControl {
        @Override
        protected String invoke(Method doitMethod) {
            return "";
        }
    }

    public static void main(String[] args) throws Exception {
        JsonNode notebooks = new ObjectMapper().readTree(new File(args[0]));
        String startup = kernelStartup();
        int failures = 0;
        for (JsonNode notebook : notebooks) {
            failures += check(notebook, startup);
        }
        System.exit(failures == 0 ? 0 : 1);
    }

    /** The kernel's own start-up imports (JShellSession.STARTUP), so the check cannot drift from it. */
    static String kernelStartup() throws Exception {
        Field field = Class.forName("io.streamlab.kernel.exec.JShellSession").getDeclaredField("STARTUP");
        field.setAccessible(true);
        return (String) field.get(null);
    }

    static int check(JsonNode notebook, String startup) {
        String name = notebook.get("notebook").asText();
        ExecutionControlProvider provider = new ExecutionControlProvider() {
            @Override
            public String name() {
                return "compile-only";
            }

            @Override
            public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
                return new CompileOnly();
            }
        };
        int failures = 0;
        int exerciseCells = 0;
        int snippets = 0;
        try (JShell shell = JShell.builder()
                .executionEngine(provider, null)
                .compilerOptions("-Xlint:-options", "-proc:none")
                .build()) {
            shell.addToClasspath(System.getProperty("java.class.path"));
            failures += evaluate(shell, name, 0, "startup", startup, false).failures;
            for (JsonNode cell : notebook.get("cells")) {
                int number = cell.get("number").asInt();
                JsonNode exercise = cell.get("exercise");
                if (exercise != null && !exercise.isNull()) {
                    exerciseCells++;
                    Result result = evaluate(shell, name, number, "exercise", exercise.asText(), true);
                    failures += result.failures;
                    snippets += result.snippets;
                }
                Result result = evaluate(shell, name, number, "solution", cell.get("solution").asText(), false);
                failures += result.failures;
                snippets += result.snippets;
            }
        }
        if (failures == 0) {
            System.out.println("OK " + name + ": " + exerciseCells + " exercise cells, " + snippets + " snippets compiled");
        }
        return failures;
    }

    record Result(int failures, int snippets) {
    }

    static Result evaluate(JShell shell, String notebook, int cell, String version, String code, boolean stopAtExercise) {
        int failures = 0;
        int count = 0;
        for (Piece piece : split(shell.sourceCodeAnalysis(), withoutMagics(code))) {
            count++;
            for (SnippetEvent event : shell.eval(piece.source)) {
                if (event.causeSnippet() != null || event.status() != Snippet.Status.REJECTED) {
                    continue;
                }
                failures++;
                int line = 1 + (int) code.substring(0, piece.offset).chars().filter(c -> c == '\n').count();
                List<String> messages = new ArrayList<>();
                shell.diagnostics(event.snippet()).filter(Diag::isError)
                        .forEach(d -> messages.add(d.getMessage(Locale.ENGLISH).lines().findFirst().orElse("")));
                System.out.println("FAIL " + notebook + " cell " + cell + " line " + line + " (" + version + "): "
                        + String.join("; ", messages) + "\n    " + piece.source.lines().findFirst().orElse(""));
            }
            if (stopAtExercise && piece.source.contains(EXERCISE_THROW)
                    && shell.sourceCodeAnalysis().sourceToSnippets(piece.source).get(0).kind() == Snippet.Kind.STATEMENT) {
                break;   // at run time the cell ends here with the exercise's exception
            }
        }
        return new Result(failures, count);
    }

    /** The kernel's line magics (%maven …) are not Java; the notebooks use none, but a student might. */
    static String withoutMagics(String code) {
        return code.lines().map(line -> line.stripLeading().startsWith("%") ? "" : line)
                .reduce((a, b) -> a + "\n" + b).orElse("");
    }

    record Piece(String source, int offset) {
    }

    /** Cuts code into snippets as the kernel's CellSplitter does. */
    static List<Piece> split(SourceCodeAnalysis analysis, String code) {
        List<Piece> pieces = new ArrayList<>();
        String rest = code;
        int consumed = 0;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                break;
            }
            int start = consumed + (rest.length() - rest.stripLeading().length());
            if (!info.completeness().isComplete() || info.source() == null) {
                pieces.add(new Piece(rest.strip(), start));
                break;
            }
            pieces.add(new Piece(info.source().stripLeading(), start));
            consumed += rest.length() - info.remaining().length();
            rest = info.remaining();
        }
        return pieces;
    }
}
