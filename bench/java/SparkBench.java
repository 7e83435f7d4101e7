package io.streamlab.bench;

import io.streamlab.config.Endpoints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.streaming.Trigger;

/**
 * The Spark benchmarks of the notebook's own code. {@code bench/streamlab_bench.py} runs the cells of
 * {@code notebooks/spark.ipynb} that define {@code stats} and {@code forecastRows} in the real kernel,
 * on {@code stations-json} as filled by {@code kafka.ipynb}'s own producer, adds this class with
 * {@code %classpath} and calls it from a cell with those Datasets:
 *
 * <pre>
 *   SparkBench.throughput(spark, stats, forecastRows, RUNS)
 *       the notebook's stats and forecast queries over the whole (pre-filled) topic, Trigger.AvailableNow
 *   SparkBench.freshness(spark, stats, JSON_TOPIC, TRIGGER_MS, SECONDS, RUNS)
 *       kafka.ipynb's producer (run by streamlab_bench.py in a kernel of its own) sends 15 stations
 *       every 200 ms to JSON_TOPIC (which {@code stats} reads); seconds from a report's
 *       acknowledgement to the first stats batch that includes it
 * </pre>
 * One JSON line per run on stdout; the first run of each kind is marked "warmup" (the kernel's first
 * query compiles and loads everything; a notebook pays that once).
 */
public final class SparkBench {

    private static final List<Path> CHECKPOINTS = new ArrayList<>();

    private SparkBench() {
    }

    /** A local checkpoint directory for one query, deleted by {@link #deleteCheckpoints}. */
    private static Path checkpoint(String what) throws java.io.IOException {
        Path directory = Files.createTempDirectory("streamlab-bench-" + what);
        CHECKPOINTS.add(directory);
        return directory;
    }

    private static void deleteCheckpoints() throws java.io.IOException {
        for (Path directory : CHECKPOINTS) {
            try (var paths = Files.walk(directory)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
        CHECKPOINTS.clear();
    }

    /** {@code stats} and {@code forecastRows} as the notebook defines them, each read to the end of its topic. */
    public static void throughput(SparkSession spark, Dataset<Row> stats, Dataset<Row> forecastRows, int runs)
            throws Exception {
        try {
            throughputRuns(spark, stats, forecastRows, runs);
        } finally {
            deleteCheckpoints();
        }
    }

    private static void throughputRuns(SparkSession spark, Dataset<Row> stats, Dataset<Row> forecastRows, int runs)
            throws Exception {
        for (int run = 0; run <= runs; run++) {
            String warmup = run == 0 ? ", \"warmup\": true" : "";
            // Stats: the notebook's per-station aggregation, complete mode, to a memory table we check.
            String table = "bench_stats_" + run;
            Path checkpoint = checkpoint("stats");
            long started = System.nanoTime();
            StreamingQuery statsQuery = stats.writeStream()
                    .outputMode("complete").format("memory").queryName(table)
                    .option("checkpointLocation", checkpoint.toString())
                    .trigger(Trigger.AvailableNow()).start();
            statsQuery.awaitTermination();
            double seconds = (System.nanoTime() - started) / 1e9;
            long input = inputRows(statsQuery);
            long measured = spark.sql("select sum(measurements) from " + table).first().getLong(0);
            if (measured != input || input == 0) {
                throw new IllegalStateException("the stats count " + measured + " measurements of " + input
                        + " input rows");
            }
            System.out.printf("{\"query\": \"stats\", \"rows\": %d, \"seconds\": %.6f, \"batch_seconds\": %.6f%s}%n",
                    input, seconds, batchSeconds(statsQuery), warmup);

            // Forecast: today joined with the two previous days (two stream-stream joins), to a no-op sink.
            checkpoint = checkpoint("forecast");
            started = System.nanoTime();
            StreamingQuery forecast = forecastRows.writeStream()
                    .outputMode("append").format("noop")
                    .option("checkpointLocation", checkpoint.toString())
                    .trigger(Trigger.AvailableNow()).start();
            forecast.awaitTermination();
            seconds = (System.nanoTime() - started) / 1e9;
            input = inputRows(forecast);
            if (input == 0) {
                throw new IllegalStateException("the forecast query read no rows");
            }
            System.out.printf("{\"query\": \"forecast\", \"rows\": %d, \"seconds\": %.6f, \"batch_seconds\": %.6f%s}%n",
                    input, seconds, batchSeconds(forecast), warmup);
        }
    }

    /**
     * Seconds spent inside the query's batches that read rows (Spark's triggerExecution): the rate a
     * running query sustains, without the query's own start and stop, which dominate a short run.
     */
    private static double batchSeconds(StreamingQuery query) {
        long millis = 0;
        for (StreamingQueryProgress progress : query.recentProgress()) {
            if (progress.numInputRows() > 0) {
                millis += progress.durationMs().getOrDefault("triggerExecution", 0L);
            }
        }
        return millis / 1000.0;
    }

    private static long inputRows(StreamingQuery query) {
        long rows = 0;
        for (StreamingQueryProgress progress : query.recentProgress()) {
            rows += progress.numInputRows();
        }
        return rows;
    }

    /** When each stats batch became visible, and each station's (end, measurements) in it. */
    record Batch(long nanos, Map<String, LocalDate> ends) {
    }

    /** {@code stats} as the notebook defines it, reading {@code jsonTopic}, while a producer writes to that topic. */
    public static void freshness(SparkSession spark, Dataset<Row> stats, String jsonTopic, long triggerMs, int seconds,
                                 int runs) throws Exception {
        try {
            freshnessRuns(spark, stats, jsonTopic, triggerMs, seconds, runs);
        } finally {
            deleteCheckpoints();
        }
    }

    private static void freshnessRuns(SparkSession spark, Dataset<Row> stats, String jsonTopic, long triggerMs,
                                      int seconds, int runs) throws Exception {
        for (int run = 0; run <= runs; run++) {
            List<Batch> batches = new CopyOnWriteArrayList<>();
            Path checkpoint = checkpoint("fresh");
            StreamingQuery query = stats.writeStream()
                    .outputMode("complete")
                    .option("checkpointLocation", checkpoint.toString())
                    .trigger(Trigger.ProcessingTime(triggerMs))
                    .foreachBatch((VoidFunction2<Dataset<Row>, Long>) (rows, id) -> {
                        Map<String, LocalDate> ends = new ConcurrentHashMap<>();
                        for (Row row : rows.collectAsList()) {
                            ends.put(row.getString(row.fieldIndex("station")),
                                    row.<java.sql.Date>getAs("end").toLocalDate());
                        }
                        batches.add(new Batch(System.nanoTime(), ends));
                    })
                    .start();
            // Start producing once the query runs its triggers (its first batch, empty, is start-up).
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (batches.isEmpty()) {
                if (System.nanoTime() > deadline || !query.isActive()) {
                    throw new IllegalStateException("the stats query ran no batch within 3 minutes: "
                            + query.exception());
                }
                Thread.sleep(20);
            }
            // kafka.ipynb's own producer sends 15 stations every 200 ms, from a kernel that
            // bench/streamlab_bench.py keeps running; a report counts as acknowledged when a plain consumer
            // first sees it (a record is visible only after the broker stored it: acks=all, one broker).
            Map<String, Long> acked = watchReports(jsonTopic, Duration.ofSeconds(seconds));
            if (acked.isEmpty()) {
                throw new IllegalStateException("no report arrived on " + jsonTopic + " in " + seconds
                        + " s: is kafka.ipynb's producer running?");
            }
            // Every acknowledged report must show up: wait until a batch reaches each station's last acked day.
            // (Spark runs no batch when nothing new arrived, so the last batch with data is the one to wait for.)
            long includeDeadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (acked.keySet().stream().anyMatch(report -> firstIncluding(batches, report) == null)) {
                if (System.nanoTime() > includeDeadline || !query.isActive()) {
                    throw new IllegalStateException("the stats did not include every acknowledged report"
                            + " within 2 minutes"
                            + " of the last one: " + query.exception());
                }
                Thread.sleep(20);
            }
            query.stop();
            // Where a batch's time goes, from Spark's own progress reports (batches with data only).
            Map<String, List<Long>> phases = new java.util.TreeMap<>();
            for (StreamingQueryProgress progress : query.recentProgress()) {
                if (progress.numInputRows() > 0) {
                    progress.durationMs()
                            .forEach((phase, ms) -> phases.computeIfAbsent(phase, p -> new ArrayList<>()).add(ms));
                }
            }
            StringBuilder breakdown = new StringBuilder();
            phases.forEach((phase, values) -> {
                values.sort(Long::compare);
                breakdown.append(breakdown.length() == 0 ? "" : ", ").append('"').append(phase).append("\": ")
                        .append(values.get(values.size() / 2));
            });
            List<Double> freshness = new ArrayList<>();
            for (Map.Entry<String, Long> report : acked.entrySet()) {
                Batch batch = firstIncluding(batches, report.getKey());
                if (batch == null) {
                    throw new IllegalStateException("no stats batch includes " + report.getKey());
                }
                freshness.add((batch.nanos - report.getValue()) / 1e9);
            }
            freshness.sort(Double::compare);
            System.out.printf("{\"reports\": %d, \"batches\": %d, \"p50\": %.6f, \"max\": %.6f, \"trigger\": %.3f,"
                            + " \"batch_ms_median\": {%s}%s}%n",
                    freshness.size(), batches.size(), freshness.get(freshness.size() / 2),
                    freshness.get(freshness.size() - 1), triggerMs / 1000.0, breakdown, run == 0 ? ", \"warmup\": true"
                            : "");
        }
    }

    /** When each report ("A 2000-01-05") first became visible on the topic, for {@code duration} from now. */
    private static Map<String, Long> watchReports(String jsonTopic, Duration duration) throws java.io.IOException {
        Map<String, Long> seen = new ConcurrentHashMap<>();
        java.util.Properties properties = new java.util.Properties();
        properties.put("bootstrap.servers", Endpoints.current().kafkaBootstrapServers());
        properties.put("key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        properties.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        try (var watcher = new org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]>(properties)) {
            List<org.apache.kafka.common.TopicPartition> partitions = watcher.partitionsFor(jsonTopic).stream()
                    .map(info -> new org.apache.kafka.common.TopicPartition(jsonTopic, info.partition())).toList();
            watcher.assign(partitions);
            watcher.seekToEnd(partitions);
            partitions.forEach(watcher::position); // fixes "the end" now, not at the first poll
            long until = System.nanoTime() + duration.toNanos();
            while (System.nanoTime() < until) {
                for (var record : watcher.poll(Duration.ofMillis(10))) {
                    var report = mapper.readTree(record.value());
                    seen.putIfAbsent(report.get("station").asText() + " "
                            + report.get("date").asText(), System.nanoTime());
                }
            }
        }
        return seen;
    }

    /** The first batch whose stats for the report's station reach its date. */
    private static Batch firstIncluding(List<Batch> batches, String report) {
        String station = report.substring(0, report.indexOf(' '));
        LocalDate date = LocalDate.parse(report.substring(report.indexOf(' ') + 1));
        for (Batch batch : batches) {
            LocalDate end = batch.ends.get(station);
            if (end != null && !end.isBefore(date)) {
                return batch;
            }
        }
        return null;
    }
}
