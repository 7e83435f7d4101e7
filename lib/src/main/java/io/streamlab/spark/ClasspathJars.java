package io.streamlab.spark;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the jars of this JVM's classpath that executors of a standalone cluster need. Asking a class
 * where it was loaded from finds them wherever the build put them (Maven's repository in tests,
 * {@code target/lib} for the kernel, {@code /opt/...} in the image) — no path is written down twice.
 */
public final class ClasspathJars {

    /** One class from each jar the Kafka source needs on executors. */
    static final List<String> KAFKA_CONNECTOR_CLASSES = List.of(
            "org.apache.spark.sql.kafka010.KafkaSourceProvider",           // spark-sql-kafka-0-10
            "org.apache.spark.kafka010.KafkaDelegationTokenProvider",     // spark-token-provider-kafka-0-10
            "org.apache.kafka.clients.consumer.KafkaConsumer",            // kafka-clients
            "org.apache.commons.pool2.impl.GenericKeyedObjectPool");      // commons-pool2 (consumer pool)

    private ClasspathJars() {
    }

    /** The Kafka connector's jars; fails with the missing class named when one is not on the classpath. */
    public static List<String> kafkaConnector() {
        List<String> jars = new ArrayList<>();
        for (String className : KAFKA_CONNECTOR_CLASSES) {
            Path location = locationOf(className).orElseThrow(() -> new IllegalStateException(
                    "the Kafka connector is not on this JVM's classpath (no " + className + ") — start the"
                            + " notebook JVM with lib/target/lib/* on the classpath (mvn -pl lib package)"));
            jars.add(location.toString());
        }
        return jars;
    }

    /** The helper jar itself, when this JVM loaded it from a jar (not from a build's classes directory). */
    public static Optional<String> helperJar() {
        return locationOf(ClasspathJars.class.getName())
                .filter(path -> path.toString().endsWith(".jar") && Files.isRegularFile(path))
                .map(Path::toString);
    }

    /** Where a class was loaded from: a jar file or a classes directory; empty if unknown. */
    public static Optional<Path> locationOf(String className) {
        try {
            Class<?> type = Class.forName(className, false, ClasspathJars.class.getClassLoader());
            CodeSource source = type.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return Optional.empty();
            }
            return Optional.of(Path.of(source.getLocation().toURI()));
        } catch (ClassNotFoundException | LinkageError missing) {
            return Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException strangeUrl) {
            return Optional.empty();
        }
    }
}
