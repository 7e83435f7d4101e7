package io.streamlab.kernel.exec;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;

/**
 * Runs snippets in this JVM, on whichever thread calls {@code JShell.eval} (our one long-lived
 * execution thread). Unlike the JDK's LocalExecutionControl it starts no thread per snippet and
 * never stops thread groups, which killed threads that cells had started.
 *
 * <p>Extra jobs:
 * <ul>
 *   <li>refuses {@code System.exit} in cell code ({@link ExitRefusingRewriter});</li>
 *   <li>keeps each snippet's real value (JShell only passes strings back) under a key that is
 *       returned instead of the string, so the kernel can render the object itself;</li>
 *   <li>keeps the real exception a snippet threw, for an error with its cause chain;</li>
 *   <li>writes every class JShell defines to {@link ClassOutputDirectory}, from where Spark serves
 *       them to executors, and makes JShell's loader the thread's context class loader before user
 *       code runs (Spark's local executor keeps the loader it sees at session creation).</li>
 * </ul>
 */
public final class KernelExecutionControl extends DirectExecutionControl {
    static final String VALUE_KEY_PREFIX = "streamlab-value-";

    private final ClassOutputDirectory classOutput;
    private final Map<String, Object> values = new ConcurrentHashMap<>();
    private final AtomicLong nextKey = new AtomicLong();
    /** Guards inUserCode, so an interrupt or stop can only land while a snippet's own code runs. */
    private final Object userCodeLock = new Object();
    private volatile boolean inUserCode;
    private volatile Throwable lastThrown;
    private volatile ClassLoader snippetLoader;

    public KernelExecutionControl(ClassOutputDirectory classOutput) {
        this.classOutput = classOutput;
    }

    @Override
    public void load(ClassBytecodes[] classes) throws ClassInstallException, NotImplementedException, EngineTerminationException {
        classOutput.write(classes);
        super.load(refusingExit(classes));
    }

    @Override
    public void redefine(ClassBytecodes[] classes) throws ClassInstallException, NotImplementedException, EngineTerminationException {
        classOutput.write(classes);
        super.redefine(refusingExit(classes));
    }

    /** The classes with System.exit and Runtime.exit/halt calls refused ({@link ExitRefusingRewriter}). */
    private static ClassBytecodes[] refusingExit(ClassBytecodes[] classes) {
        ClassBytecodes[] rewritten = new ClassBytecodes[classes.length];
        for (int i = 0; i < classes.length; i++) {
            rewritten[i] = new ClassBytecodes(classes[i].name(), ExitRefusingRewriter.rewrite(classes[i].bytecodes()));
        }
        return rewritten;
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        ClassLoader loader = doitMethod.getDeclaringClass().getClassLoader();
        snippetLoader = loader;
        Thread.currentThread().setContextClassLoader(loader);
        lastThrown = null;
        try {
            Object value = doitMethod.invoke(null);
            String key = VALUE_KEY_PREFIX + nextKey.incrementAndGet();
            if (value != null) {
                values.put(key, value);
            }
            return key;
        } catch (InvocationTargetException e) {
            lastThrown = e.getCause();
            throw e;
        }
    }

    @Override
    protected void clientCodeEnter() throws InternalException {
        synchronized (userCodeLock) {
            inUserCode = true;
        }
    }

    /**
     * Leaving user code clears a pending interrupt: JShell's compiler and the kernel are not
     * written to be interrupted (an interrupted NIO read, for one, closes its channel for good).
     * A forced stop aimed at the code that just returned can surface here (the stopper holds the
     * lock while it stops the thread); it is swallowed, the cell is ending anyway.
     */
    @Override
    protected void clientCodeLeave() throws InternalException {
        try {
            synchronized (userCodeLock) {
                inUserCode = false;
                Thread.interrupted();
            }
        } catch (ThreadDeath lateStop) {
            inUserCode = false;
            Thread.interrupted();
        }
    }

    /** Interrupts {@code thread} if it runs a snippet's own code now; true if it did. */
    public boolean interruptUserCode(Thread thread) {
        synchronized (userCodeLock) {
            if (inUserCode) {
                thread.interrupt();
            }
            return inUserCode;
        }
    }

    /**
     * Stops {@code thread} with {@link ThreadDeath} if it runs a snippet's own code now (never
     * JShell's compiler or the kernel); true if it did. DirectExecutionControl turns the
     * ThreadDeath into the snippet's exception, so JShell's state stays consistent.
     */
    @SuppressWarnings({"deprecation", "removal"})
    public boolean stopUserCode(Thread thread) {
        synchronized (userCodeLock) {
            if (inUserCode) {
                thread.stop();
            }
            return inUserCode;
        }
    }

    /** The value a snippet produced, by the key JShell reported as its value; null for null or unknown. */
    public Object takeValue(String key) {
        return key == null ? null : values.remove(key);
    }

    public boolean isValueKey(String key) {
        return key != null && key.startsWith(VALUE_KEY_PREFIX);
    }

    public void forgetValues() {
        values.clear();
    }

    /** The exception the last snippet threw, or null. */
    public Throwable takeLastThrown() {
        Throwable t = lastThrown;
        lastThrown = null;
        return t;
    }

    /** JShell's class loader, once a snippet has run. */
    public ClassLoader snippetLoader() {
        return snippetLoader;
    }

    /** Lets JShell use this instance as its execution engine. */
    public jdk.jshell.spi.ExecutionControlProvider provider() {
        KernelExecutionControl self = this;
        return new jdk.jshell.spi.ExecutionControlProvider() {
            @Override
            public String name() {
                return "streamlab";
            }

            @Override
            public ExecutionControl generate(jdk.jshell.spi.ExecutionEnv env, Map<String, String> parameters) {
                return self;
            }
        };
    }
}
