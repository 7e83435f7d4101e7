package io.streamlab.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamOutputsTest {

    @TempDir
    Path temp;

    @Test
    void deletesWhatExistsAndCountsIt() throws Exception {
        Path output = Files.createDirectories(temp.resolve("forecast.parquet/part"));
        Files.writeString(output.resolve("x.parquet"), "data");
        Path keep = Files.writeString(temp.resolve("keep.txt"), "unrelated");

        int deleted = StreamOutputs.clear(TestSpark.session(),
                temp.resolve("forecast.parquet").toUri().toString(), temp.resolve("absent").toString());

        assertEquals(1, deleted);
        assertFalse(Files.exists(temp.resolve("forecast.parquet")));
        assertTrue(Files.exists(keep));
    }

    @Test
    void refusesToDeleteARootOrATopLevelDirectory() {
        for (String path : new String[] {"/", "hdfs://localhost:9000/", "hdfs://localhost:9000/streamlab", "/tmp"}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> StreamOutputs.clear(TestSpark.session(), path));
            assertTrue(error.getMessage().startsWith("refusing to delete " + path), error.getMessage());
        }
    }
}
