package io.streamlab.spark;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Removes a previous run's stream output and checkpoint, so re-running the notebook starts from the
 * same situation — like the seed's cell that deletes old {@code partition-N.json} files. A checkpoint
 * left from a run before the topic was re-created would make the stream resume at offsets that no
 * longer exist.
 */
public final class StreamOutputs {

    private StreamOutputs() {
    }

    /** Deletes each directory (recursively) if it exists; returns how many existed. */
    public static int clear(SparkSession spark, String... paths) {
        int deleted = 0;
        for (String path : paths) {
            Path dir = new Path(path);
            if (dir.isRoot() || dir.depth() < 2) {
                throw new IllegalArgumentException("refusing to delete " + path + " — stream outputs live at"
                        + " least two levels below the root (like /streamlab/forecast.parquet)");
            }
            Configuration configuration = spark.sparkContext().hadoopConfiguration();
            try {
                FileSystem fs = dir.getFileSystem(configuration);
                if (fs.exists(dir)) {
                    if (!fs.delete(dir, true)) {
                        throw new IOException("delete returned false");
                    }
                    deleted++;
                }
            } catch (IOException e) {
                throw FileSystemFailure.of("delete", path, configuration, e);
            }
        }
        return deleted;
    }
}
