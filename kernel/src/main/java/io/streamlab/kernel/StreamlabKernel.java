package io.streamlab.kernel;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.channels.ShellHandler;
import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.JupyterIOAccess;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import io.github.spencerpark.jupyter.messages.ContentType;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.MessageType;
import io.github.spencerpark.jupyter.messages.publish.PublishError;
import io.github.spencerpark.jupyter.messages.publish.PublishExecuteInput;
import io.github.spencerpark.jupyter.messages.publish.PublishExecuteResult;
import io.github.spencerpark.jupyter.messages.reply.ErrorReply;
import io.github.spencerpark.jupyter.messages.reply.ExecuteReply;
import io.github.spencerpark.jupyter.messages.reply.HistoryReply;
import io.github.spencerpark.jupyter.messages.request.ExecuteRequest;
import io.github.spencerpark.jupyter.messages.request.HistoryRequest;
import io.github.spencerpark.jupyter.messages.request.InterruptRequest;
import io.streamlab.kernel.display.DisplayPublisher;
import io.streamlab.kernel.display.ValueRenderer;
import io.streamlab.kernel.errors.CellInterruptedException;
import io.streamlab.kernel.errors.KernelError;
import io.streamlab.kernel.errors.StackTraceText;
import io.streamlab.kernel.exec.CallerLine;
import io.streamlab.kernel.exec.CellInterrupter;
import io.streamlab.kernel.exec.ClassOutputDirectory;
import io.streamlab.kernel.exec.ExecutionThread;
import io.streamlab.kernel.exec.HelpRequest;
import io.streamlab.kernel.exec.JShellSession;
import io.streamlab.kernel.exec.KernelExecutionControl;
import io.streamlab.kernel.history.CellHistory;
import io.streamlab.kernel.magic.CellScript;
import io.streamlab.kernel.magic.ClasspathMagics;
import io.streamlab.kernel.magic.KafkaMagic;
import io.streamlab.kernel.magic.MagicContext;
import io.streamlab.kernel.magic.MagicRegistry;
import io.streamlab.kernel.magic.MavenMagic;
import io.streamlab.kernel.magic.MavenResolver;
import io.streamlab.kernel.magic.PomMagics;
import io.streamlab.kernel.magic.StreamsMagic;
import io.streamlab.kernel.magic.TimeMagic;
import io.streamlab.kernel.output.CellContext;
import io.streamlab.kernel.output.CellOwnership;
import io.streamlab.kernel.output.OutputRouter;
import io.streamlab.kernel.runtime.Display;
import io.streamlab.kernel.spark.PanelOutput;
import io.streamlab.kernel.spark.SparkBridge;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import jdk.jshell.SourceCodeAnalysis;

/**
 * The Java kernel: evaluates cells with JShell in this JVM and renders their values. Parsing
 * magics, running snippets, routing output and rendering are separate pieces; this class wires
 * them to the Jupyter protocol of jupyter-jvm-basekernel.
 */
public final class StreamlabKernel extends BaseKernel implements MagicContext {
    private final CellOwnership ownership;
    private final OutputRouter router;
    private final SparkBridge spark = new SparkBridge();
    private final ExecutionThread executionThread = new ExecutionThread();
    private final KernelExecutionControl control;
    private final CellInterrupter interrupter;
    private final ValueRenderer values = new ValueRenderer();
    private final MagicRegistry magics = new MagicRegistry();
    private final CompletableFuture<JShellSession> session = new CompletableFuture<>();
    private volatile CellContext requestedCell;
    private volatile CellInterrupter.RunningCell runningCell;
    private volatile CellInterrupter.RequestStamp interruptRequest;
    private final CellHistory history = new CellHistory();
    /** A help request's text for the pager, set while its cell runs. */
    private volatile String page;

    public StreamlabKernel(CellOwnership ownership, OutputRouter router) {
        this.ownership = ownership;
        this.router = router;
        this.control = new KernelExecutionControl(ClassOutputDirectory.createForSpark());
        this.interrupter = new CellInterrupter(executionThread, control, spark);
        // Standard streams are ours for good (OutputRouter); the library must not swap them per request.
        setShouldReplaceStdStreams(false);
        ownership.setTaskCellLookup(spark::cellOfCurrentTask);
        Display.install(new DisplayPublisher(values, ownership, router));
        PanelOutput.installCallerLine(new CallerLine(executionThread, session)::of);
        registerMagics();
    }

    private void registerMagics() {
        TimeMagic time = new TimeMagic();
        MavenResolver resolver = new MavenResolver();
        MavenMagic maven = new MavenMagic(resolver);
        PomMagics pom = new PomMagics(resolver, maven);
        magics.line("jars", ClasspathMagics::jars)
                .line("classpath", ClasspathMagics::classpath)
                .line("maven", maven)
                .line("mavenRepo", pom::mavenRepo)
                .cell("loadFromPOM", pom::loadFromPom)
                .line("streams", new StreamsMagic(spark))
                // Through a lambda: Kafka's client classes load only when a cell uses %kafka.
                .line("kafka", (args, raw, ctx) -> KafkaMagic.run(args, raw, ctx))
                .line("load", this::load)
                .line("lsmagic", (args, raw, ctx) -> {
                    System.out.print(magics.listing());
                    return JShellSession.NO_VALUE;
                })
                .line("time", time)
                .cell("time", time);
    }

    /** Starts JShell on the execution thread without waiting; the first cell waits for it. */
    public void startShell() {
        CompletableFuture.runAsync(() -> {
            try {
                JShellSession s = executionThread.call(() -> {
                    JShellSession created = new JShellSession(control);
                    created.start();
                    return created;
                });
                session.complete(s);
            } catch (Throwable t) {
                session.completeExceptionally(t);
            }
        });
    }

    @Override
    public void becomeHandlerForConnection(JupyterConnection connection) {
        super.becomeHandlerForConnection(connection);
        // The kernel answers execute requests itself: eval() must know which request it serves,
        // the cell goes into the history, and the reply can carry a pager payload.
        connection.setHandler(MessageType.EXECUTE_REQUEST, this::execute);
        connection.setHandler(MessageType.HISTORY_REQUEST, this::history);
        ShellHandler<InterruptRequest> interruptHandler = connection.getHandler(MessageType.INTERRUPT_REQUEST);
        connection.setHandler(MessageType.INTERRUPT_REQUEST, (env, message) -> {
            interruptRequest = CellInterrupter.RequestStamp.of(message.getHeader());
            interruptHandler.handle(env, message);
        });
        // The library's kernel_info_reply has no "status", which the protocol requires (Jupyter's
        // conformance suite rejects it); the same reply with it.
        connection.setHandler(MessageType.KERNEL_INFO_REQUEST, (env, message) -> {
            env.setBusyDeferIdle();
            env.reply(new KernelInfoWithStatus(KERNEL_META.get("project"), KERNEL_META.get("version"),
                    getLanguageInfo(), getBanner(), getHelpLinks()));
        });
        router.connect(connection.getIOPub()::sendMessage);
    }

    /**
     * The library's execute handler, step for step (input published, stdin attached, result,
     * reply or error, idle), plus: the request's cell is known to eval(), the cell is recorded in
     * the history (unless the request says not to), and a help request's page rides on the reply.
     */
    private synchronized void execute(ShellReplyEnvironment env, Message<ExecuteRequest> message) {
        ExecuteRequest request = message.getContent();
        requestedCell = new CellContext(message, request.isStdinEnabled(), rerunKey(message));
        commManager.setMessageContext(message);
        int count = executionCount.getAndIncrement();
        env.setBusyDeferIdle();
        env.publish(new PublishExecuteInput(request.getCode(), count));
        JupyterIOAccess.attach(getIO(), env, request.isStdinEnabled());
        boolean record = request.shouldStoreHistory() && !request.isSilent();
        if (record) {
            history.add(count, request.getCode());
        }
        page = null;
        try {
            DisplayData result = eval(request.getCode());
            if (result != null) {
                env.publish(new PublishExecuteResult(count, result));
                Object text = result.getData(MIMEType.TEXT_PLAIN);
                if (record && text != null) {
                    history.setOutput(count, text.toString());
                }
            }
            env.defer().reply(new ExecuteReplyWithPayload(count, page == null ? List.of() : List.of(PagePayload.of(page))));
        } catch (Exception e) {
            ErrorReply error = ErrorReply.of(e);
            error.setExecutionCount(count);
            env.publish(PublishError.of(e, this::formatError));
            env.defer().replyError(ExecuteReply.MESSAGE_TYPE.error(), error);
        } finally {
            page = null;
        }
    }

    /** execute_reply with the protocol's {@code payload} list, which the library's reply lacks. */
    private static final class ExecuteReplyWithPayload extends ExecuteReply {
        @SuppressWarnings("unused") // serialised
        private final List<Map<String, Object>> payload;

        ExecuteReplyWithPayload(int count, List<Map<String, Object>> payload) {
            super(count, Map.of());
            this.payload = payload;
        }
    }

    /** history_request over this session's cells, as ipykernel answers it (tail, range, search). */
    private void history(ShellReplyEnvironment env, Message<HistoryRequest> message) {
        env.setBusyDeferIdle();
        HistoryRequest request = message.getContent();
        boolean output = request.includeOutput();
        List<List<Object>> found = switch (request.getAccessType()) {
            case TAIL -> history.tail(((HistoryRequest.Tail) request).getMaxReturnLength(), output);
            case RANGE -> {
                HistoryRequest.Range range = (HistoryRequest.Range) request;
                yield history.range(range.getSessionIndex(), range.getStart(), range.getStop(), output);
            }
            case SEARCH -> {
                HistoryRequest.Search search = (HistoryRequest.Search) request;
                yield history.search(search.getPattern(), search.getMaxReturnLength(), search.filterUnique(), output);
            }
        };
        env.reply(new HistoryRows(found));
    }

    /**
     * history_reply as the protocol has it: {@code "status": "ok"} and rows as arrays (the
     * library's reply has no status, and its entries reach the wire as objects).
     */
    private static final class HistoryRows implements ContentType<HistoryRows> {
        @SuppressWarnings("unused") // serialised
        private final String status = "ok";
        @SuppressWarnings("unused") // serialised
        private final List<List<Object>> history;

        HistoryRows(List<List<Object>> history) {
            this.history = history;
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public MessageType<HistoryRows> getType() {
            return (MessageType) HistoryReply.MESSAGE_TYPE;
        }
    }

    /** The cell id a front end puts in the request's metadata (JupyterLab's "cellId"), else the code. */
    private static String rerunKey(Message<ExecuteRequest> message) {
        Object cellId = message.getNonNullMetadata().get("cellId");
        return cellId instanceof String id && !id.isBlank() ? "cell " + id : "code " + message.getContent().getCode();
    }

    /** kernel_info_reply as the protocol has it since 5.0: with {@code "status": "ok"}. */
    private static final class KernelInfoWithStatus extends io.github.spencerpark.jupyter.messages.reply.KernelInfoReply {
        @SuppressWarnings("unused") // serialised
        private final String status = "ok";

        KernelInfoWithStatus(String name, String version, LanguageInfo language, String banner,
                             List<LanguageInfo.Help> helpLinks) {
            super("5.3", name, version, language, banner, helpLinks);
        }
    }

    // ------------------------------------------------------------------------------ evaluation

    @Override
    public DisplayData eval(String code) throws Exception {
        CellContext cell = requestedCell;
        // The library counted this cell already; Jupyter shows it as In[n].
        String label = "In[" + (executionCount.get() - 1) + "]";
        cell.setLabel(label);
        CellInterrupter.RunningCell running = interrupter.begin(CellInterrupter.RequestStamp.of(cell.request().getHeader()), cell.id());
        runningCell = running;
        try {
            DisplayData result = executionThread.call(() -> {
                router.enterCell(cell);
                try {
                    spark.beforeCell(cell, label);
                    shell().setCellLabel(label);
                    Object value = runCell(code);
                    if (value == JShellSession.NO_VALUE || spark.isShownIn(value, cell)) {
                        return null; // a query this cell started shows its live panel already
                    }
                    return values.render(value);
                } finally {
                    try {
                        spark.beforeCellEnds(cell);
                    } finally {
                        router.leaveCell(cell);
                    }
                }
            });
            if (running.interrupted()) {
                throw new CellInterruptedException(running.how());
            }
            return result;
        } catch (Exception | ThreadDeath e) {
            if (running.interrupted()) {
                throw new CellInterruptedException(running.how());
            }
            if (e instanceof ThreadDeath) {
                throw new CellInterruptedException("stopped");
            }
            throw (Exception) e;
        } finally {
            interrupter.end(running);
            runningCell = null;
            // The cell's output leaves before its result, error and idle status.
            router.flush();
        }
    }

    private Object runCell(String code) throws Exception {
        String helpTarget = HelpRequest.target(code);
        if (helpTarget != null) {
            // "Math.max?" as in IPython: the documentation goes to the front end's pager.
            String text = documentationText(helpTarget, helpTarget.length());
            if (text == null) {
                throw new IllegalArgumentException("No documentation for " + helpTarget
                        + " — name a class, method or variable the cells know, e.g. Math.max?");
            }
            page = text;
            return JShellSession.NO_VALUE;
        }
        CellScript.CellMagic cellMagic = CellScript.cellMagic(code);
        if (cellMagic != null) {
            return magics.runCell(cellMagic.name(), cellMagic.args(), cellMagic.body(), this);
        }
        return evaluate(code, 1);
    }

    /** Runs code with line magics, in order; part of {@link MagicContext} so magics can run code too. */
    @Override
    public Object evaluate(String code, int firstLine) throws Exception {
        JShellSession shell = shell();
        Object value = JShellSession.NO_VALUE;
        for (CellScript.Part part : CellScript.parts(code, firstLine)) {
            CellInterrupter.RunningCell running = runningCell;
            if (running != null && running.interrupted()) {
                break;
            }
            value = part.isMagic()
                    ? magics.runLine(part.magicName(), part.args(), this)
                    : shell.evaluate(part.code(), part.firstLine(), () -> running != null && running.interrupted());
        }
        return value;
    }

    @Override
    public void addToClasspath(List<Path> entries) {
        JShellSession shell = shell();
        for (Path p : entries) {
            shell.addToClasspath(p.toString());
        }
        spark.addJars(entries);
    }

    @Override
    public boolean interrupted() {
        CellInterrupter.RunningCell running = runningCell;
        return running != null && running.interrupted();
    }

    private Object load(List<String> args, String raw, MagicContext context) throws Exception {
        if (args.size() != 1) {
            throw new IllegalArgumentException("Usage: %load path/to/file.jsh");
        }
        Path file = Path.of(args.get(0));
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("%load: no file " + file.toAbsolutePath());
        }
        return evaluate(Files.readString(file), 1);
    }

    private JShellSession shell() {
        try {
            return session.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while JShell was starting", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("JShell could not start: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void interrupt() {
        interrupter.interrupt(interruptRequest);
    }

    /** Shutdown and restart stop the queries cells started, so their checkpoints end cleanly. */
    @Override
    public void onShutdown(boolean isRestarting) {
        try {
            spark.stopStreams(null);
        } catch (Exception | LinkageError e) {
            System.err.println("Could not stop the streaming queries: " + e);
        }
        // The panels' final state (and live tables') leaves before the shutdown reply.
        router.flush();
    }

    @Override
    public List<String> formatError(Exception e) {
        if (e instanceof KernelError kernelError) {
            return kernelError.traceback();
        }
        return StackTraceText.of(e);
    }

    // ------------------------------------------------------------------- completion, inspection

    @Override
    public ReplacementOptions complete(String code, int at) throws Exception {
        if (isInMagicLine(code, at)) {
            return null;
        }
        JShellSession.Completions c = executionThread.call(() -> shell().complete(code, at));
        return new ReplacementOptions(c.options(), c.start(), c.end());
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) throws Exception {
        if (isInMagicLine(code, at)) {
            return null;
        }
        String text = executionThread.call(() -> documentationText(code, at));
        return text == null ? null : new DisplayData(text);
    }

    /** Signatures (and Javadoc) of what is at {@code at}, or null; call on the execution thread. */
    private String documentationText(String code, int at) {
        List<SourceCodeAnalysis.Documentation> docs = shell().documentation(code, at, true);
        if (docs.isEmpty()) {
            return null;
        }
        return docs.stream()
                .map(d -> d.signature() + (d.javadoc() == null || d.javadoc().isBlank() ? "" : "\n" + d.javadoc()))
                .distinct()
                .collect(Collectors.joining("\n\n"));
    }

    @Override
    public String isComplete(String code) {
        try {
            return executionThread.call(() -> shell().completeness(code));
        } catch (Exception e) {
            return IS_COMPLETE_MAYBE;
        }
    }

    private static boolean isInMagicLine(String code, int at) {
        int lineStart = code.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
        return code.substring(lineStart).stripLeading().startsWith("%");
    }

    @Override
    public LanguageInfo getLanguageInfo() {
        // The same language_info as IJava, so notebooks move between the two kernels unchanged.
        return new LanguageInfo.Builder("java")
                .version(Runtime.version().toString())
                .mimetype("text/x-java-source")
                .fileExtension(".jshell")
                .pygments("java")
                .codemirror("java")
                .build();
    }

    @Override
    public String getBanner() {
        return "Java " + Runtime.version() + " — Streamlab kernel (JShell; Spark, Kafka, Tablesaw and lib on the classpath)";
    }
}
