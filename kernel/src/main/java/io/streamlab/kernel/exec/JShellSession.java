package io.streamlab.kernel.exec;

import io.streamlab.kernel.errors.CellFailedException;
import io.streamlab.kernel.errors.CompilationException;
import io.streamlab.kernel.errors.StackTraceText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;

/**
 * The JShell behind the notebook: evaluates a cell's Java code snippet by snippet and turns
 * JShell's events into a value or an error the user can act on. Call it only from the
 * {@link ExecutionThread}.
 */
public final class JShellSession {
    /** What a cell starts with: JShell's usual imports plus IJava's display functions. */
    private static final String STARTUP = String.join("\n",
            "import java.io.*;",
            "import java.math.*;",
            "import java.net.*;",
            "import java.nio.file.*;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.function.*;",
            "import java.util.prefs.*;",
            "import java.util.regex.*;",
            "import java.util.stream.*;",
            "import static io.streamlab.kernel.runtime.Display.*;");

    /** Marks "the cell produced no value" (distinct from a null value). */
    public static final Object NO_VALUE = new Object();

    private final JShell shell;
    private final KernelExecutionControl control;
    private final CellSplitter splitter;
    /** Where each snippet came from, to name "Cell In[3], line 2" in stack traces. */
    private final java.util.Map<String, SnippetOrigin> origins = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile String cellLabel = "startup";
    /** Where the snippet being evaluated now comes from (its id is known only afterwards). */
    private volatile SnippetOrigin running;

    public JShellSession(KernelExecutionControl control) {
        this.control = control;
        this.shell = JShell.builder()
                .executionEngine(control.provider(), null)
                .compilerOptions("-Xlint:-options", "-proc:none")
                .fileManager(IndexKeepingFileManager::new)
                .build();
        // The kernel's own classpath (lib, Spark, Kafka, Tablesaw) is what cells compile against.
        shell.addToClasspath(System.getProperty("java.class.path"));
        this.splitter = new CellSplitter(shell.sourceCodeAnalysis());
    }

    /** Evaluates the start-up imports; also warms the compiler so the first cell is quicker. */
    public void start() throws Exception {
        evaluate(STARTUP, 1, () -> false);
    }

    /** Names the cell about to run, as Jupyter's prompt does ("In[3]"). */
    public void setCellLabel(String label) {
        this.cellLabel = label;
    }

    public KernelExecutionControl control() {
        return control;
    }

    public void addToClasspath(String path) {
        shell.addToClasspath(path);
    }

    /**
     * Evaluates {@code code} (whose first line is line {@code firstLine} of its cell) and returns
     * the value of its last snippet if that is an expression, else {@link #NO_VALUE}.
     */
    public Object evaluate(String code, int firstLine, BooleanSupplier interrupted) throws Exception {
        Object result = NO_VALUE;
        try {
            for (SnippetSource snippet : splitter.split(code, 0)) {
                if (interrupted.getAsBoolean()) {
                    return NO_VALUE;
                }
                result = evaluateSnippet(snippet, code, firstLine);
            }
            return result;
        } finally {
            control.forgetValues();
        }
    }

    private Object evaluateSnippet(SnippetSource snippet, String code, int firstLine) throws Exception {
        Object result = NO_VALUE;
        int line = firstLine + (int) code.substring(0, snippet.offsetInCode()).chars().filter(c -> c == '\n').count();
        // JShell names the snippet only when eval returns; code running now is this one's.
        running = new SnippetOrigin(cellLabel, line);
        List<SnippetEvent> events;
        try {
            events = shell.eval(snippet.source());
        } finally {
            running = null;
        }
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) {
                continue; // a dependent snippet updated as a side effect
            }
            Snippet s = event.snippet();
            origins.put(s.id(), new SnippetOrigin(cellLabel, line));
            if (event.status() == Snippet.Status.REJECTED) {
                throw compilationError(s, snippet, code, firstLine);
            }
            if (event.exception() != null) {
                throw runtimeError(event.exception());
            }
            if (event.status() == Snippet.Status.RECOVERABLE_DEFINED || event.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                warnUnresolved(s);
            }
            if (producesValue(s) && control.isValueKey(event.value())) {
                Object value = control.takeValue(event.value());
                result = value;
            }
            if (s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND && event.status().isActive()) {
                // A bare expression makes JShell keep a variable $N for its value, and every later
                // snippet compiles against all of them: a bare `1` took 18 ms over the first 300
                // such cells and 46 ms over cells 600-900 (plain JShell, local execution). The value
                // is already taken (and shown); the kernel never shows $N, so no cell names it.
                shell.drop(s);
            }
        }
        return result;
    }

    private static boolean producesValue(Snippet s) {
        return switch (s.subKind()) {
            case TEMP_VAR_EXPRESSION_SUBKIND, VAR_VALUE_SUBKIND, ASSIGNMENT_SUBKIND, OTHER_EXPRESSION_SUBKIND -> true;
            default -> false;
        };
    }

    private CompilationException compilationError(Snippet s, SnippetSource snippet, String code, int firstLine) {
        List<Diag> errors = shell.diagnostics(s).filter(Diag::isError).collect(Collectors.toList());
        List<String> lines = new ArrayList<>();
        String firstMessage = "the cell does not compile";
        for (Diag d : errors) {
            String message = d.getMessage(Locale.ENGLISH);
            if (lines.isEmpty()) {
                firstMessage = message.lines().findFirst().orElse(message);
            }
            lines.addAll(CaretMarker.mark(code, firstLine, snippet.offsetInCode() + (int) Math.max(0, d.getPosition()),
                    snippet.offsetInCode() + (int) Math.max(0, d.getStartPosition())));
            message.lines().forEach(lines::add);
        }
        if (errors.isEmpty()) {
            lines.add(firstMessage);
        }
        return new CompilationException(firstMessage, lines);
    }

    private Exception runtimeError(JShellException reported) {
        Throwable real = control.takeLastThrown();
        if (real != null) {
            relabelFrames(real, reported);
        }
        if (real instanceof Exception exception) {
            return exception;
        }
        if (real != null) {
            String message = real.getMessage() != null ? real.getMessage() : real.getClass().getName();
            return new CellFailedException(real.getClass().getSimpleName(), message, StackTraceText.of(real));
        }
        if (reported instanceof UnresolvedReferenceException unresolvedReference) {
            Snippet s = unresolvedReference.getSnippet();
            String unresolved = shell.unresolvedDependencies((jdk.jshell.DeclarationSnippet) s).collect(Collectors.joining(", "));
            String message = "cannot run " + describe(s) + " until " + unresolved + " is defined";
            return new CellFailedException("UnresolvedReferenceException", message, List.of(message));
        }
        relabelFrames(reported, reported);
        String name = reported instanceof EvalException eval ? eval.getExceptionClassName() : reported.getClass().getName();
        String message = Optional.ofNullable(reported.getMessage()).orElse("");
        return new CellFailedException(name, message, StackTraceText.of(reported));
    }

    /**
     * JShell reports the exception chain with frames already cut to user code and translated to
     * snippet ids and lines ("#7", line 2); the real exception's frames are of generated wrapper
     * classes. Put the translated frames, named by cell and cell line, on the real chain.
     */
    private void relabelFrames(Throwable real, Throwable reported) {
        Throwable t = real;
        Throwable r = reported;
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        while (t != null && r != null && seen.add(t)) {
            StackTraceElement[] frames = r.getStackTrace();
            StackTraceElement[] named = new StackTraceElement[frames.length];
            for (int i = 0; i < frames.length; i++) {
                named[i] = nameFrame(frames[i]);
            }
            t.setStackTrace(named);
            t = t.getCause();
            r = r.getCause();
        }
    }

    private StackTraceElement nameFrame(StackTraceElement f) {
        String file = f.getFileName();
        if (file == null || !file.startsWith("#")) {
            return f;
        }
        SnippetOrigin origin = origins.get(file.substring(1));
        String method = f.getMethodName().isEmpty() ? "<cell>" : f.getMethodName();
        String cls = f.getClassName().isEmpty() ? "" : f.getClassName();
        if (origin == null) {
            return new StackTraceElement(cls, method, "snippet " + file, f.getLineNumber());
        }
        return new StackTraceElement(cls, method, "Cell " + origin.cell(), origin.firstLine() + Math.max(1, f.getLineNumber()) - 1);
    }

    private record SnippetOrigin(String cell, int firstLine) {
    }

    /**
     * Where a running thread is in cell code, as a stack frame names it ({@code Cell In[5], line 3}):
     * its outermost frame in a snippet's wrapper class, so the cell the user ran, not a method an
     * earlier cell defined. Null if the stack holds no cell code. A live frame carries the line of
     * JShell's generated wrapper; JShell's own translation to the snippet's line (what it does for
     * exceptions) is internal, so it is reached by {@link WrapperLines}; without it the line is the
     * first line of the snippet's statement.
     */
    public String cellLineOf(StackTraceElement[] stack) {
        StackTraceElement outermost = null;
        StackTraceElement inner = null;
        for (StackTraceElement frame : stack) {
            // An expression snippet's do_it$ only calls its do_it$Aux, which holds the code.
            boolean auxCaller = inner != null && frame.getMethodName().equals("do_it$")
                    && inner.getMethodName().equals("do_it$Aux") && inner.getClassName().equals(frame.getClassName());
            if (WrapperLines.isWrapperClass(frame.getClassName()) && !auxCaller) {
                outermost = frame;
            }
            inner = frame;
        }
        if (outermost == null) {
            return null;
        }
        WrapperLines.SnippetLine at = WrapperLines.translate(shell, outermost);
        if (at == null) {
            return null;
        }
        SnippetOrigin origin = origins.get(at.snippetId());
        if (origin == null) {
            origin = running; // the snippet running now has no id in origins yet
        }
        if (origin == null) {
            return null;
        }
        return "Cell " + origin.cell() + ", line " + (origin.firstLine() + Math.max(1, at.line()) - 1);
    }

    private void warnUnresolved(Snippet s) {
        if (s instanceof jdk.jshell.DeclarationSnippet declaration) {
            String unresolved = shell.unresolvedDependencies(declaration).collect(Collectors.joining(", "));
            if (!unresolved.isEmpty()) {
                System.err.println(describe(s) + " is defined but cannot be used until " + unresolved + " is defined");
            }
        }
    }

    private static String describe(Snippet s) {
        if (s instanceof jdk.jshell.DeclarationSnippet declaration) {
            return s.kind().name().toLowerCase(Locale.ROOT) + " " + declaration.name();
        }
        return "this code";
    }

    // ---------------------------------------------------------------- completion and inspection

    /** Completions at {@code cursor}: the replacements and where they start. */
    public Completions complete(String code, int cursor) {
        int snippetStart = snippetStartBefore(code, cursor);
        String snippet = code.substring(snippetStart);
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions =
                shell.sourceCodeAnalysis().completionSuggestions(snippet, cursor - snippetStart, anchor);
        List<String> options = suggestions.stream()
                .sorted((a, b) -> Boolean.compare(b.matchesType(), a.matchesType()))
                .map(SourceCodeAnalysis.Suggestion::continuation)
                .distinct()
                .collect(Collectors.toList());
        return new Completions(options, snippetStart + anchor[0], cursor);
    }

    /** Signatures (and Javadoc where the JDK sources are installed) of what is at {@code cursor}. */
    public List<SourceCodeAnalysis.Documentation> documentation(String code, int cursor, boolean withJavadoc) {
        int snippetStart = snippetStartBefore(code, cursor);
        String snippet = code.substring(snippetStart);
        int at = cursor - snippetStart;
        List<SourceCodeAnalysis.Documentation> docs = shell.sourceCodeAnalysis().documentation(snippet, at, withJavadoc);
        if (docs.isEmpty()) {
            // Jupyter asks with the cursor right after a name; JShell documents a call when inside
            // its parentheses, so try "name(" too.
            docs = shell.sourceCodeAnalysis().documentation(snippet.substring(0, at) + "(", at + 1, withJavadoc);
        }
        return docs;
    }

    /**
     * Jupyter's is_complete answer: "complete", "invalid", or the indent for the next line when
     * the code is unfinished. Magic lines count as complete statements.
     */
    public String completeness(String code) {
        String rest = code.lines().map(l -> l.stripLeading().startsWith("%") ? "" : l).collect(Collectors.joining("\n"));
        while (true) {
            SourceCodeAnalysis.CompletionInfo info = shell.sourceCodeAnalysis().analyzeCompletion(rest);
            switch (info.completeness()) {
                case COMPLETE, COMPLETE_WITH_SEMI -> {
                    if (info.remaining().isBlank()) {
                        return "complete";
                    }
                    rest = info.remaining();
                }
                case EMPTY -> {
                    return "complete";
                }
                case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> {
                    return "    ";
                }
                default -> {
                    return "invalid";
                }
            }
        }
    }

    /** Completion only looks at the snippet the cursor is in, not the complete statements before it. */
    private int snippetStartBefore(String code, int cursor) {
        int start = 0;
        for (SnippetSource s : splitter.split(code.substring(0, cursor), 0)) {
            start = s.offsetInCode();
        }
        return start;
    }

    public record Completions(List<String> options, int start, int end) {
    }
}
