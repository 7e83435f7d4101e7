package io.streamlab.labs;

import io.streamlab.spark.StreamlabSpark;
import org.apache.spark.sql.SparkSession;

/** One local SparkSession for the labs' tests in the forked test JVM: starting Spark takes seconds. */
public final class LabTestSpark {

    private static SparkSession session;

    private LabTestSpark() {
    }

    public static synchronized SparkSession session() {
        if (session == null) {
            session = StreamlabSpark.builder("streamlab-labs-tests")
                    .master("local[2]")
                    .config("spark.sql.shuffle.partitions", "2")   // tiny data: fewer tasks, quicker tests
                    .getOrCreate();
        }
        return session;
    }
}
