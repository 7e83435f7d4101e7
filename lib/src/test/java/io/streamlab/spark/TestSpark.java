package io.streamlab.spark;

import org.apache.spark.sql.SparkSession;

/** One local SparkSession for every test class in the forked test JVM (the labs' too): starting Spark takes seconds. */
public final class TestSpark {

    private static SparkSession session;

    private TestSpark() {
    }

    public static synchronized SparkSession session() {
        if (session == null) {
            session = StreamlabSpark.builder("streamlab-tests")
                    .master("local[2]")                            // whatever STREAMLAB_SPARK_MASTER says
                    .config("spark.sql.shuffle.partitions", "2")   // tiny data: fewer tasks, quicker tests
                    .config("spark.default.parallelism", "2")
                    .getOrCreate();
        }
        return session;
    }
}
