package io.streamlab.labs.hashtags;

import io.streamlab.labs.LabTestSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TrendingHashtagsTest {

    static Row tweet(String text, String at) {
        return RowFactory.create(text, Timestamp.from(Instant.parse(at)));
    }

    @Test
    void countsEachTweetInEveryWindowThatCoversIt() {
        Dataset<Row> tweets = LabTestSpark.session().createDataFrame(List.of(
                tweet("hello #Spark and #kafka", "2024-01-01T00:00:01Z"),
                tweet("# not a tag #spark", "2024-01-01T00:00:03Z")), StructType.fromDDL("value STRING, timestamp TIMESTAMP"));
        Dataset<Row> hashtags = TrendingHashtags.hashtags(tweets);
        assertEquals(List.of("#spark", "#kafka", "#spark"),
                hashtags.select("tag").collectAsList().stream().map(row -> row.getString(0)).toList());

        Dataset<Row> counts = TrendingHashtags.windowedCounts(hashtags, Duration.ofSeconds(4), Duration.ofSeconds(2));
        // Windows [-2,2), [0,4), [2,6): the first tweet is in the first two, the second in the last two.
        List<Row> spark = counts.where(col("tag").equalTo("#spark")).orderBy("window.start").collectAsList();
        assertEquals(List.of(1L, 2L, 1L), spark.stream().map(row -> row.getLong(2)).toList());
        assertEquals(2, counts.where(col("tag").equalTo("#kafka")).count());
    }
}
