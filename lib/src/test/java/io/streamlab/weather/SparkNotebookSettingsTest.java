package io.streamlab.weather;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamlab.config.Endpoints;
import io.streamlab.config.Environment;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SparkNotebookSettingsTest {

    @Test
    void defaultsAreTheSeedsValuesAndLiveOnHdfs() {
        SparkNotebookSettings settings = SparkNotebookSettings.fromEnvironment(Map.of(), Endpoints.LOCAL);

        assertEquals(Duration.ofSeconds(5), settings.statsTrigger());
        assertEquals(Duration.ofSeconds(30), settings.statsDuration());
        assertEquals(Duration.ofMinutes(1), settings.parquetTrigger());
        assertEquals(Duration.ofMinutes(3), settings.parquetWait());
        assertEquals(Duration.ofMinutes(3), settings.firstBatchWait());
        assertEquals("hdfs://localhost:9000/streamlab/forecast.parquet", settings.parquetDir());
        assertEquals("hdfs://localhost:9000/streamlab/checkpoints/forecast", settings.checkpointDir());
    }

    @Test
    void outputLocationsFollowTheHdfsEndpoint() {
        Endpoints compose = new Endpoints("kafka:9092", "spark://spark-master:7077", "hdfs://nn:9000/");

        SparkNotebookSettings settings = SparkNotebookSettings.fromEnvironment(Map.of(), compose);

        assertEquals("hdfs://nn:9000/streamlab/forecast.parquet", settings.parquetDir());
    }

    @Test
    void environmentShortensEverySetting() {
        SparkNotebookSettings settings = SparkNotebookSettings.fromEnvironment(Map.of(
                "STREAMLAB_STATS_TRIGGER", "500ms",
                "STREAMLAB_STATS_DURATION", " 2s ",
                "STREAMLAB_PARQUET_TRIGGER", "3S",
                "STREAMLAB_PARQUET_WAIT", "1h",
                "STREAMLAB_PREDICTION_TRIGGER", "1s",
                "STREAMLAB_PREDICTION_DURATION", "4m",
                "STREAMLAB_FIRST_BATCH_WAIT", "7s",
                "STREAMLAB_PARQUET_DIR", "file:///tmp/x/out/",
                "STREAMLAB_CHECKPOINT_DIR", "file:///tmp/x/cp"), Endpoints.LOCAL);

        assertEquals(Duration.ofMillis(500), settings.statsTrigger());
        assertEquals(Duration.ofSeconds(2), settings.statsDuration());
        assertEquals(Duration.ofSeconds(3), settings.parquetTrigger());
        assertEquals(Duration.ofHours(1), settings.parquetWait());
        assertEquals(Duration.ofSeconds(1), settings.predictionTrigger());
        assertEquals(Duration.ofMinutes(4), settings.predictionDuration());
        assertEquals(Duration.ofSeconds(7), settings.firstBatchWait());
        assertEquals("file:///tmp/x/out", settings.parquetDir());
        assertEquals("file:///tmp/x/cp", settings.checkpointDir());
    }

    @Test
    void aBadDurationNamesTheVariableAndTheFormat() {
        for (String bad : new String[] {"5", "five seconds", "1.5s", "-3s", "5 sec", "1d"}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> SparkNotebookSettings.fromEnvironment(Map.of("STREAMLAB_STATS_TRIGGER", bad),
                            Endpoints.LOCAL));
            assertTrue(error.getMessage().startsWith("STREAMLAB_STATS_TRIGGER=" + bad + " is not a duration"),
                    error.getMessage());
            assertTrue(error.getMessage().contains("like 500ms, 5s, 1m or 2h"), error.getMessage());
        }
    }

    @Test
    void zeroAndAbsurdDurationsAreRejected() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> Environment.parseDuration("STREAMLAB_PARQUET_TRIGGER", "0s"));
        assertTrue(zero.getMessage().contains("STREAMLAB_PARQUET_TRIGGER must be longer than zero"), zero.getMessage());

        IllegalArgumentException huge = assertThrows(IllegalArgumentException.class,
                () -> Environment.parseDuration("STREAMLAB_PARQUET_WAIT", "99999999999999999999s"));
        assertTrue(huge.getMessage().contains("too large"), huge.getMessage());
    }

    @Test
    void theCheckpointMustNotBeTheOutput() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> SparkNotebookSettings.fromEnvironment(Map.of(
                        "STREAMLAB_PARQUET_DIR", "/data/f", "STREAMLAB_CHECKPOINT_DIR", "/data/f/"), Endpoints.LOCAL));
        assertTrue(error.getMessage().contains("STREAMLAB_CHECKPOINT_DIR"), error.getMessage());
    }

    @Test
    void printsOneLinePerStep() {
        String shown = SparkNotebookSettings.fromEnvironment(Map.of(), Endpoints.LOCAL).toString();

        assertTrue(shown.contains("stats:       every 5 s for 30 s"), shown);
        assertTrue(shown.contains("parquet:     every 1 min to hdfs://localhost:9000/streamlab/forecast.parquet"),
                shown);
    }
}
