package io.streamlab.spark;

import io.streamlab.config.Endpoints;
import io.streamlab.config.Environment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Spark settings of a notebook session, as plain key/value pairs so they can be read (and
 * tested) without starting Spark: {@link #deployment} is the plumbing every session needs on this
 * machine, {@link #of} adds the labs' shared lesson defaults.
 */
public final class SessionConfig {

    /** Host the driver binds to and executors call back; in docker compose, the notebook container's name. */
    public static final String DRIVER_HOST_VARIABLE = "STREAMLAB_SPARK_DRIVER_HOST";

    /** Where the kernel writes the classes of notebook cells, so executors of a cluster can load them. */
    public static final String REPL_CLASS_DIR_PROPERTY = "spark.repl.class.outputDir";
    public static final String REPL_CLASS_DIR_VARIABLE = "STREAMLAB_REPL_CLASS_DIR";

    /** Executor heap on a standalone worker: the machine is shared, the data is small. */
    static final String EXECUTOR_MEMORY = "512m";

    private SessionConfig() {
    }

    public static Map<String, String> forCurrentProcess(String appName) {
        return of(appName, Endpoints.current(), System.getenv(), System.getProperties());
    }

    /** Where and how this machine's Spark runs, for this process: {@link #deployment(Endpoints, Map, Map)}. */
    public static Map<String, String> deploymentForCurrentProcess() {
        return deployment(Endpoints.current(), System.getenv(), System.getProperties());
    }

    /**
     * The lesson defaults the labs' sessions share (name, shuffle partitions, no progress bar, lenient
     * date parsing) on top of {@link #deployment}. {@code spark.ipynb} sets those in its own cell.
     */
    public static Map<String, String> of(String appName, Endpoints endpoints, Map<String, String> environment,
                                         Map<?, ?> systemProperties) {
        if (appName == null || appName.isBlank()) {
            throw new IllegalArgumentException("a Spark application needs a name, like \"cs544\"");
        }
        Map<String, String> config = new LinkedHashMap<>();
        config.put("spark.app.name", appName);
        // One shuffle partition per core of local[2]: fifteen stations need no more, and every partition of a
        // stateful query writes its own state files each batch, so more partitions make every batch slower.
        config.put("spark.sql.shuffle.partitions", "2");
        // Streams run in the background for minutes; a progress bar would flood the notebook.
        config.put("spark.ui.showConsoleProgress", "false");
        // A malformed date in a record ("2000-13-45") becomes null, so a stream can drop that record;
        // Spark's default policy throws instead, which would stop every stream on one bad record.
        config.put("spark.sql.legacy.timeParserPolicy", "CORRECTED");
        config.putAll(deployment(endpoints, environment, systemProperties));
        overrideFromSystemProperties(config, systemProperties);
        return config;
    }

    /**
     * Plumbing only, no lesson setting: the master, the driver's host, the jars and the cell classes
     * executors of a standalone cluster need, and what this machine's single-DataNode HDFS needs.
     */
    public static Map<String, String> deployment(Endpoints endpoints, Map<String, String> environment,
                                                 Map<?, ?> systemProperties) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("spark.master", endpoints.sparkMaster());
        // The web UI costs memory and a port on every interface; the notebook prints what matters.
        config.put("spark.ui.enabled", "false");
        // One DataNode: files asked to have three replicas would be reported under-replicated forever.
        config.put("spark.hadoop.dfs.replication", "1");
        // Bind the driver to loopback (or the host executors can reach), never to a guessed interface.
        config.put("spark.driver.host", Environment.text(environment, DRIVER_HOST_VARIABLE, "localhost"));
        // Console sinks get temporary checkpoints; remove them when the query stops instead of filling /tmp.
        config.put("spark.sql.streaming.forceDeleteTempCheckpointLocation", "true");

        String replClasses = replClassDir(environment, systemProperties);
        if (replClasses != null) {
            config.put(REPL_CLASS_DIR_PROPERTY, replClasses);
        }
        if (endpoints.sparkIsStandalone()) {
            // Executors run in other JVMs: they need the Kafka connector (the driver has it from the
            // build) and the helper jar; nothing is downloaded at run time.
            List<String> jars = new ArrayList<>(ClasspathJars.kafkaConnector());
            ClasspathJars.helperJar().ifPresent(jars::add);
            config.put("spark.jars", String.join(",", jars));
            config.put("spark.executor.memory", EXECUTOR_MEMORY);
        }
        overrideFromSystemProperties(config, systemProperties);
        return config;
    }

    /**
     * A {@code -Dspark.…} option given to the kernel's JVM wins over the default here, as it would
     * in plain Spark (whose builder settings otherwise take precedence over system properties).
     */
    private static void overrideFromSystemProperties(Map<String, String> config, Map<?, ?> systemProperties) {
        for (Map.Entry<?, ?> property : systemProperties.entrySet()) {
            String key = property.getKey().toString();
            if (key.startsWith("spark.") && config.containsKey(key) && !property.getValue().toString().isBlank()) {
                config.put(key, property.getValue().toString().trim());
            }
        }
    }

    private static String replClassDir(Map<String, String> environment, Map<?, ?> systemProperties) {
        Object property = systemProperties.get(REPL_CLASS_DIR_PROPERTY);
        if (property != null && !property.toString().isBlank()) {
            return property.toString().trim();
        }
        return Environment.text(environment, REPL_CLASS_DIR_VARIABLE, null);
    }
}
