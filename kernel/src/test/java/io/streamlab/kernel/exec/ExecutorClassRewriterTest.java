package io.streamlab.kernel.exec;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.apache.xbean.asm9.ClassWriter;
import org.apache.xbean.asm9.MethodVisitor;
import org.apache.xbean.asm9.Opcodes;
import org.junit.jupiter.api.Test;

class ExecutorClassRewriterTest {
    /** A class like JShell's wrapper of a lambda body that reads the cell variable {@code factor}. */
    private static byte[] lambdaReadingCellVariable(String fieldDescriptor, int returnOpcode) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "REPL/$JShell$9", null, "java/lang/Object", null);
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "read", "()" + fieldDescriptor, null, null);
        mv.visitCode();
        mv.visitFieldInsn(Opcodes.GETSTATIC, "REPL/$JShell$5", "factor", fieldDescriptor);
        mv.visitInsn(returnOpcode);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    private static Throwable invokeRead(byte[] bytes) throws Exception {
        ClassLoader loader = new ClassLoader(ExecutorClassRewriterTest.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                if (name.equals("REPL.$JShell$9")) {
                    return defineClass(name, bytes, 0, bytes.length);
                }
                throw new ClassNotFoundException(name);
            }
        };
        Method read = loader.loadClass("REPL.$JShell$9").getMethod("read");
        try {
            read.invoke(null);
            return null;
        } catch (InvocationTargetException e) {
            return e.getCause();
        }
    }

    @Test
    void readingAPrimitiveCellVariableOnAnExecutorSaysWhatToDo() throws Exception {
        Throwable thrown = invokeRead(ExecutorClassRewriter.rewrite(lambdaReadingCellVariable("I", Opcodes.IRETURN)));
        assertInstanceOf(IllegalStateException.class, thrown);
        assertTrue(thrown.getMessage().contains("'factor' has no value on Spark executors"), thrown.getMessage());
    }

    @Test
    void referenceAndWideVariablesAreGuardedToo() throws Exception {
        assertInstanceOf(IllegalStateException.class,
                invokeRead(ExecutorClassRewriter.rewrite(lambdaReadingCellVariable("Ljava/lang/String;", Opcodes.ARETURN))));
        assertInstanceOf(IllegalStateException.class,
                invokeRead(ExecutorClassRewriter.rewrite(lambdaReadingCellVariable("D", Opcodes.DRETURN))));
    }

    @Test
    void withoutTheRewriteTheWrapperWouldBeLoaded() throws Exception {
        // The original class needs REPL.$JShell$5, which an executor would load fresh (value 0).
        assertInstanceOf(NoClassDefFoundError.class, invokeRead(lambdaReadingCellVariable("I", Opcodes.IRETURN)));
    }
}
