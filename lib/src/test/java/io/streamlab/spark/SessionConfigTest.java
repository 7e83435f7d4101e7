package io.streamlab.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamlab.config.Endpoints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionConfigTest {

    private static final Endpoints STANDALONE =
            new Endpoints("localhost:9092", "spark://localhost:7077", "hdfs://localhost:9000");

    @Test
    void localSessionHasTheSeedsSettings() {
        Map<String, String> config = SessionConfig.of("cs544", Endpoints.LOCAL, Map.of(), Map.of());

        assertEquals("cs544", config.get("spark.app.name"));
        assertEquals("local[2]", config.get("spark.master"));
        assertEquals("2", config.get("spark.sql.shuffle.partitions"));
        assertEquals("false", config.get("spark.ui.showConsoleProgress"));
        assertEquals("1", config.get("spark.hadoop.dfs.replication"));
        assertEquals("localhost", config.get("spark.driver.host"));
        assertEquals("CORRECTED", config.get("spark.sql.legacy.timeParserPolicy"));
        // Inside the notebook JVM the connector is already on the classpath; nothing to ship.
        assertFalse(config.containsKey("spark.jars"));
        assertFalse(config.containsKey("spark.jars.packages"));
        assertFalse(config.containsKey(SessionConfig.REPL_CLASS_DIR_PROPERTY));
    }

    @Test
    void standaloneExecutorsGetTheKafkaConnectorJarsFromThisClasspath() {
        Map<String, String> config = SessionConfig.of("cs544", STANDALONE, Map.of(), Map.of());

        assertEquals("spark://localhost:7077", config.get("spark.master"));
        List<String> jars = Arrays.asList(config.get("spark.jars").split(","));
        for (String artifact : List.of("spark-sql-kafka-0-10_2.12-", "spark-token-provider-kafka-0-10_2.12-",
                "kafka-clients-", "commons-pool2-")) {
            assertTrue(jars.stream().anyMatch(jar -> Path.of(jar).getFileName().toString().startsWith(artifact)
                    && Files.isRegularFile(Path.of(jar))), artifact + " missing from " + jars);
        }
        // Tests load lib from target/classes, which Spark cannot ship; only a real jar is added.
        assertEquals(4, jars.size(), jars.toString());
        assertEquals(SessionConfig.EXECUTOR_MEMORY, config.get("spark.executor.memory"));
    }

    @Test
    void replClassDirectoryIsPassedThrough() {
        Map<String, String> fromProperty = SessionConfig.of("cs544", Endpoints.LOCAL, Map.of(),
                Map.of("spark.repl.class.outputDir", "/tmp/kernel-classes"));
        Map<String, String> fromEnvironment = SessionConfig.of("cs544", Endpoints.LOCAL,
                Map.of("STREAMLAB_REPL_CLASS_DIR", "/tmp/other"), Map.of());

        assertEquals("/tmp/kernel-classes", fromProperty.get("spark.repl.class.outputDir"));
        assertEquals("/tmp/other", fromEnvironment.get("spark.repl.class.outputDir"));
    }

    @Test
    void aSparkSystemPropertyOverridesTheDefault() {
        Map<String, String> config = SessionConfig.of("cs544", Endpoints.LOCAL, Map.of(),
                Map.of("spark.sql.shuffle.partitions", "7", "spark.ui.enabled", " "));

        assertEquals("7", config.get("spark.sql.shuffle.partitions"));
        // A blank property is a mistake, not a setting: the default stays.
        assertEquals("false", config.get("spark.ui.enabled"));
    }

    @Test
    void driverHostCanBeTheNotebookContainer() {
        Map<String, String> config = SessionConfig.of("cs544", STANDALONE,
                Map.of("STREAMLAB_SPARK_DRIVER_HOST", "app"), Map.of());

        assertEquals("app", config.get("spark.driver.host"));
    }

    @Test
    void theDeploymentHoldsPlumbingOnlyNoLessonSetting() {
        Map<String, String> local = SessionConfig.deployment(Endpoints.LOCAL, Map.of(), Map.of());
        Map<String, String> standalone = SessionConfig.deployment(STANDALONE, Map.of(), Map.of());

        assertEquals("local[2]", local.get("spark.master"));
        assertEquals("1", local.get("spark.hadoop.dfs.replication"));
        assertTrue(standalone.get("spark.jars").contains("spark-sql-kafka-0-10_2.12-"), standalone.toString());
        // spark.ipynb's session cell shows these itself, with the seed's values and why we differ.
        for (String lesson : List.of("spark.app.name", "spark.sql.shuffle.partitions", "spark.ui.showConsoleProgress",
                "spark.sql.legacy.timeParserPolicy")) {
            assertFalse(local.containsKey(lesson) || standalone.containsKey(lesson), lesson);
        }
    }

    @Test
    void anApplicationNeedsAName() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> SessionConfig.of(" ", Endpoints.LOCAL, Map.of(), Map.of()));
        assertTrue(error.getMessage().contains("needs a name"), error.getMessage());
    }

    @Test
    void locationOfAnUnknownClassIsEmpty() {
        assertTrue(ClasspathJars.locationOf("io.streamlab.NoSuchClass").isEmpty());
        assertTrue(ClasspathJars.locationOf("org.apache.kafka.clients.consumer.KafkaConsumer").orElseThrow()
                .getFileName().toString().startsWith("kafka-clients-3.4.1"));
    }
}
