package io.streamlab.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One local SparkSession for every test class in the forked test JVM: starting Spark takes seconds. */
final class TestSpark {

    private static SparkSession session;

    private TestSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            session = StreamlabSpark.builder("streamlab-tests")
                    .master("local[2]")                            // whatever STREAMLAB_SPARK_MASTER says
                    .config("spark.sql.shuffle.partitions", "2")   // tiny data: fewer tasks, quicker tests
                    .config("spark.default.parallelism", "2")
                    .getOrCreate();
        }
        return session;
    }

    /** Rows shaped like Spark's Kafka source (the columns parse reads): value as UTF-8 bytes and a timestamp. */
    static Dataset<Row> kafkaRows(String... jsonValues) {
        List<Row> rows = new ArrayList<>();
        Timestamp now = Timestamp.from(Instant.parse("2024-01-01T12:00:00Z"));
        for (String json : jsonValues) {
            rows.add(RowFactory.create(json == null ? null : json.getBytes(java.nio.charset.StandardCharsets.UTF_8), now));
        }
        return session().createDataFrame(rows, StructType.fromDDL("value BINARY, timestamp TIMESTAMP"));
    }

    /** A weather report as the producer writes it to stations-json. */
    static String report(String station, String date, double degrees, int raining) {
        return "{\"date\":\"" + date + "\",\"station\":\"" + station + "\",\"degrees\":" + degrees
                + ",\"raining\":" + raining + "}";
    }

    /** Parsed weather rows from reports. */
    static Dataset<Row> weather(String... reports) {
        return WeatherStream.parse(kafkaRows(reports));
    }
}
