package io.streamlab.kernel.exec;

import org.apache.xbean.asm9.ClassReader;
import org.apache.xbean.asm9.ClassVisitor;
import org.apache.xbean.asm9.ClassWriter;
import org.apache.xbean.asm9.MethodVisitor;
import org.apache.xbean.asm9.Opcodes;

/**
 * Rewrites each class JShell defines for a cell before it is loaded into the kernel's JVM: a call
 * to {@code System.exit(n)}, {@code Runtime.exit(n)} or {@code Runtime.halt(n)} becomes a call to
 * {@code io.streamlab.kernel.runtime.ExitRefused}, which throws an exception that names the call.
 * In a notebook kernel every cell shares one JVM; an exit would end it with every variable and
 * running query of the notebook. The stack shape of each call is unchanged (same arguments, a
 * {@code void} result), so no frame needs recomputing.
 *
 * <p>Chosen over a SecurityManager: that is deprecated for removal since Java 17 (it prints a
 * warning at start) and its permission check runs on every file, socket and reflective access
 * Spark and Kafka make; this costs nothing at run time. Its limit: only cell code is rewritten,
 * so a library method that calls {@code System.exit} still ends the kernel.
 */
final class ExitRefusingRewriter {
    static final String REFUSER = "io/streamlab/kernel/runtime/ExitRefused";

    private ExitRefusingRewriter() {
    }

    static byte[] rewrite(byte[] classBytes) {
        ClassReader reader = new ClassReader(classBytes);
        ClassWriter writer = new ClassWriter(reader, 0);
        boolean[] changed = {false};
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9, super.visitMethod(access, name, descriptor, signature, exceptions)) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean isInterface) {
                        if (opcode == Opcodes.INVOKESTATIC && owner.equals("java/lang/System") && method.equals("exit") && desc.equals("(I)V")) {
                            changed[0] = true;
                            super.visitMethodInsn(Opcodes.INVOKESTATIC, REFUSER, "systemExit", "(I)V", false);
                        } else if (opcode == Opcodes.INVOKEVIRTUAL && owner.equals("java/lang/Runtime")
                                && (method.equals("exit") || method.equals("halt")) && desc.equals("(I)V")) {
                            changed[0] = true;
                            super.visitMethodInsn(Opcodes.INVOKESTATIC, REFUSER, "runtime" + (method.equals("exit") ? "Exit" : "Halt"),
                                    "(Ljava/lang/Runtime;I)V", false);
                        } else {
                            super.visitMethodInsn(opcode, owner, method, desc, isInterface);
                        }
                    }
                };
            }
        }, 0);
        return changed[0] ? writer.toByteArray() : classBytes;
    }
}
