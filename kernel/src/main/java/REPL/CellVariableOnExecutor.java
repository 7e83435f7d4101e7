package REPL;

/**
 * Runs on Spark executors only, in place of reading or writing a top-level cell variable.
 *
 * <p>A top-level cell variable ({@code int factor = 3;}) is a static field of a JShell wrapper
 * class. An executor on a cluster loads that class fresh from the driver's class server, so the
 * field holds 0 or null there and a lambda reading it would compute silently wrong results. The
 * kernel rewrites its copies of cell classes for executors so that such a read fails with this
 * explanation instead. It lives in package {@code REPL}, next to JShell's classes, because
 * executors fetch it from the same class server (the kernel jar is not on their classpath).
 */
public final class CellVariableOnExecutor {
    private CellVariableOnExecutor() {
    }

    public static IllegalStateException unavailable(String variable) {
        return new IllegalStateException("The cell variable '" + variable + "' has no value on Spark executors: "
                + "top-level cell variables live only in the notebook JVM. Pass the value into the function instead - "
                + "make it a parameter of a method that builds the lambda, or copy it into a local variable inside a method.");
    }

    public static Object get(String variable) { throw unavailable(variable); }
    public static int getInt(String variable) { throw unavailable(variable); }
    public static long getLong(String variable) { throw unavailable(variable); }
    public static double getDouble(String variable) { throw unavailable(variable); }
    public static float getFloat(String variable) { throw unavailable(variable); }
    public static boolean getBoolean(String variable) { throw unavailable(variable); }
    public static byte getByte(String variable) { throw unavailable(variable); }
    public static char getChar(String variable) { throw unavailable(variable); }
    public static short getShort(String variable) { throw unavailable(variable); }

    public static void set(Object value, String variable) { throw unavailable(variable); }
    public static void set(int value, String variable) { throw unavailable(variable); }
    public static void set(long value, String variable) { throw unavailable(variable); }
    public static void set(double value, String variable) { throw unavailable(variable); }
    public static void set(float value, String variable) { throw unavailable(variable); }
    public static void set(boolean value, String variable) { throw unavailable(variable); }
    public static void set(byte value, String variable) { throw unavailable(variable); }
    public static void set(char value, String variable) { throw unavailable(variable); }
    public static void set(short value, String variable) { throw unavailable(variable); }
}
