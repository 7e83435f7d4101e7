package io.streamlab.kernel.exec;

import java.util.regex.Pattern;
import org.apache.xbean.asm9.ClassReader;
import org.apache.xbean.asm9.ClassVisitor;
import org.apache.xbean.asm9.ClassWriter;
import org.apache.xbean.asm9.MethodVisitor;
import org.apache.xbean.asm9.Opcodes;
import org.apache.xbean.asm9.Type;

/**
 * Rewrites the copies of cell classes that Spark serves to cluster executors: every read or write
 * of a top-level cell variable (a static field of a JShell wrapper class {@code REPL.$JShell$N})
 * becomes a call to {@code REPL.CellVariableOnExecutor}, which throws an error that says what to do.
 * On an executor such a field would otherwise hold 0 or null and results would be silently wrong.
 *
 * <p>The stack shape is unchanged (a value of the field's type is pushed or consumed as before),
 * so stack map frames stay valid and no class hierarchy is needed. The notebook JVM itself, and
 * Spark's local mode, use JShell's untouched classes. ASM is the copy Spark itself ships (shaded in
 * xbean-asm9), so this adds no dependency.
 */
final class ExecutorClassRewriter {
    private static final Pattern WRAPPER = Pattern.compile("REPL/\\$JShell\\$\\d+");
    static final String GUARD = "REPL/CellVariableOnExecutor";

    private ExecutorClassRewriter() {
    }

    static byte[] rewrite(byte[] classBytes) {
        ClassReader reader = new ClassReader(classBytes);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
                // do_it$ sets the variable in the notebook JVM and never runs on an executor.
                return name.equals("do_it$") ? mv : new GuardedFieldAccess(mv);
            }
        }, 0);
        return writer.toByteArray();
    }

    private static final class GuardedFieldAccess extends MethodVisitor {
        GuardedFieldAccess(MethodVisitor mv) {
            super(Opcodes.ASM9, mv);
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            if (!WRAPPER.matcher(owner).matches() || (opcode != Opcodes.GETSTATIC && opcode != Opcodes.PUTSTATIC)) {
                super.visitFieldInsn(opcode, owner, name, descriptor);
                return;
            }
            Type type = Type.getType(descriptor);
            boolean reference = type.getSort() == Type.OBJECT || type.getSort() == Type.ARRAY;
            super.visitLdcInsn(name);
            if (opcode == Opcodes.GETSTATIC) {
                String returned = reference ? "Ljava/lang/Object;" : descriptor;
                super.visitMethodInsn(Opcodes.INVOKESTATIC, GUARD, getter(type), "(Ljava/lang/String;)" + returned, false);
                if (reference) {
                    super.visitTypeInsn(Opcodes.CHECKCAST, type.getInternalName());
                }
            } else {
                String taken = reference ? "Ljava/lang/Object;" : descriptor;
                super.visitMethodInsn(Opcodes.INVOKESTATIC, GUARD, "set", "(" + taken + "Ljava/lang/String;)V", false);
            }
        }

        private static String getter(Type type) {
            switch (type.getSort()) {
                case Type.INT: return "getInt";
                case Type.LONG: return "getLong";
                case Type.DOUBLE: return "getDouble";
                case Type.FLOAT: return "getFloat";
                case Type.BOOLEAN: return "getBoolean";
                case Type.BYTE: return "getByte";
                case Type.CHAR: return "getChar";
                case Type.SHORT: return "getShort";
                default: return "get";
            }
        }
    }
}
