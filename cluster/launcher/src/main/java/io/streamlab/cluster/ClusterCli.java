package io.streamlab.cluster;

/**
 * The entry point. Compiled for Java 8 on purpose: started by an older java it can still say in
 * plain words that Java 17 is needed, instead of an UnsupportedClassVersionError. Everything else
 * is {@link ClusterCommands}.
 */
public final class ClusterCli {

    private static final int MINIMUM_VERSION = 17;

    private ClusterCli() {
    }

    public static void main(String[] args) throws Exception {
        String specification = System.getProperty("java.specification.version", "0");
        if (featureVersion(specification) < MINIMUM_VERSION) {
            System.err.println("The Streamlab cluster needs Java " + MINIMUM_VERSION + " or newer, but this is Java "
                    + specification
                    + " (" + System.getProperty("java.home")
                    + ") — install OpenJDK 17 (apt-get install openjdk-17-jdk-headless)"
                    + " and put it first on PATH, or set JAVA_HOME");
            System.exit(1);
        }
        Class.forName("io.streamlab.cluster.ClusterCommands").getMethod("main", String[].class)
                .invoke(null, (Object) args);
    }

    /** "1.8" -> 8, "11" -> 11, "17" -> 17: Java 8 and older put "1." in front. */
    static int featureVersion(String specification) {
        String feature = specification.startsWith("1.") ? specification.substring(2) : specification;
        int dot = feature.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? feature : feature.substring(0, dot));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
