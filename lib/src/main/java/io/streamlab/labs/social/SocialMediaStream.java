package io.streamlab.labs.social;

import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.col;

/**
 * The Spark steps of the social media lab that are plumbing rather than the lesson: payloads out of
 * Kafka rows, posts apart from bad inputs, and the bins' state as the seed's record. The stateful
 * steps themselves ({@code mapGroupsWithState} with {@link BinUpdate}, {@code flatMapGroupsWithState}
 * with {@link BadInputTally}) are written out in the notebook.
 */
public final class SocialMediaStream {

    /** The output columns of the bins, in the seed's order. */
    public static final String[] BIN_COLUMNS = {"key", "count", "unique_count", "user_ids", "created_at", "updated_at"};
    /** The output columns of the bad inputs. */
    public static final String[] BAD_INPUT_COLUMNS = {"reason", "count_so_far", "payload"};

    private SocialMediaStream() {
    }

    /** Every Kafka row's value as a payload, extracted by {@link CrawlerPayload#extract}. */
    public static Dataset<Extraction> extract(Dataset<Row> kafkaRows) {
        return kafkaRows
                .select(col("value").cast("string"))
                .as(Encoders.STRING())
                .map((MapFunction<String, Extraction>) CrawlerPayload::extract, Encoders.bean(Extraction.class));
    }

    /** The payloads that yielded a post. */
    public static Dataset<Extraction> posts(Dataset<Extraction> extractions) {
        return extractions.where(col("reason").isNull());
    }

    /** The payloads that were rejected, with their reason. */
    public static Dataset<Extraction> badInputs(Dataset<Extraction> extractions) {
        return extractions.where(col("reason").isNotNull());
    }

    /** The bins' states with the seed's field names, in its order (Spark orders a bean's columns by name). */
    public static Dataset<Row> binRecords(Dataset<BinState> states) {
        return states.select(col("key"), col("count"), col("uniqueCount").as("unique_count"),
                col("userIds").as("user_ids"), col("createdAt").as("created_at"), col("updatedAt").as("updated_at"));
    }

    /** The bad-input reports with snake-case names, reason first. */
    public static Dataset<Row> badInputRecords(Dataset<BadInput> reports) {
        return reports.select(col("reason"), col("countSoFar").as("count_so_far"), col("payload"));
    }
}
