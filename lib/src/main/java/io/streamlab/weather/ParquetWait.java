package io.streamlab.weather;

import io.streamlab.spark.FileSystemFailure;
import io.streamlab.wait.Deadline;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * Waits until a streaming query has written parquet files, on HDFS or any file system Hadoop knows
 * ({@code file://} too). Part 4 reads the files, and an empty directory would fail with a confusing
 * "unable to infer schema" error; a deadline and a message that says what to check are better.
 */
public final class ParquetWait {

    private static final Duration POLL = Duration.ofSeconds(1);

    private ParquetWait() {
    }

    /**
     * The parquet files a batch read of {@code path} would see now. For the output of a streaming
     * file sink that is the files of committed batches only (Spark reads its {@code _spark_metadata}
     * log), so a file still being written does not count.
     */
    public static List<String> files(SparkSession spark, String path) {
        if (!exists(spark, path)) {
            return List.of(); // the stream creates the directory with its first batch
        }
        try {
            return List.of(spark.read().parquet(path).inputFiles());
        } catch (Exception e) {
            if (e instanceof AnalysisException) {
                return List.of(); // "Unable to infer schema": no committed file yet
            }
            throw e;
        }
    }

    /** Returns the parquet files once there is at least one; fails after {@code timeout}. */
    public static List<String> untilFiles(SparkSession spark, String path, Duration timeout) {
        return untilFiles(spark, path, timeout, null);
    }

    /**
     * Like {@link #untilFiles(SparkSession, String, Duration)}, and also stops waiting at once when
     * {@code writer} (the query that should write the files) has failed or stopped.
     */
    public static List<String> untilFiles(SparkSession spark, String path, Duration timeout, StreamingQuery writer) {
        Deadline deadline = Deadline.in(timeout);
        while (true) {
            List<String> found = files(spark, path);
            if (!found.isEmpty()) {
                return found;
            }
            if (writer != null && !writer.isActive()) {
                String reason = writer.exception().isDefined()
                        ? "failed: " + writer.exception().get().getMessage()
                        : "was stopped";
                throw new IllegalStateException("no parquet file in " + path + " and the query writing it "
                        + reason + " — fix that and run the parquet stream cell of Part 3 again");
            }
            if (deadline.passed()) {
                throw new IllegalStateException("no parquet file in " + path + " after " + timeout.toSeconds()
                        + " s — is the parquet stream of Part 3 running and is the producer in kafka.ipynb"
                        + " writing? (query.status() and query.lastProgress() show what the stream is doing;"
                        + " raise " + SparkNotebookSettings.PARQUET_WAIT + " to wait longer)");
            }
            deadline.pause(POLL, "parquet files in " + path);
        }
    }

    private static boolean exists(SparkSession spark, String path) {
        Path dir = new Path(path);
        Configuration configuration = spark.sparkContext().hadoopConfiguration();
        try {
            return dir.getFileSystem(configuration).exists(dir);
        } catch (IOException e) {
            throw FileSystemFailure.of("look at", path, configuration, e);
        }
    }
}
