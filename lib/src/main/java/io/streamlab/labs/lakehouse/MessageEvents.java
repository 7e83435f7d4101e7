package io.streamlab.labs.lakehouse;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * The platform's message events, made from the rate source's rows: the seed's producer adds a random
 * event type, message id, channel, country and user to each row. Here every value is drawn from a
 * seeded hash of the row's {@code value} (the rate source's counter) instead of a random generator, so
 * the same seed gives the same events however Spark cuts the stream into batches.
 *
 * <p>Like the seed's data, some events are <b>corrupted</b> (event type null, empty or {@code NONE}),
 * and some are <b>duplicates</b>: about one row in {@value #RESENT_PERCENT} % is a resend of one of the
 * {@value #RESEND_REACH} rows before it — the same message, a later timestamp — the bug Challenge 2
 * removes.
 */
public final class MessageEvents {

    /** Valid event types — the pivot columns of report 1. */
    public static final List<String> EVENT_TYPES = List.of("CLICKED", "CREATED", "OPEN", "RECEIVED", "SENT");
    /** The seed's event types plus the two corrupted values it draws, plus null. */
    static final List<String> DRAWN_EVENT_TYPES = drawnEventTypes();
    public static final List<String> CHANNELS = List.of("CHAT", "EMAIL", "OTHER", "PUSH", "SMS");
    public static final int FIRST_COUNTRY = 2000;
    public static final int COUNTRIES = 16;
    public static final int FIRST_USER = 1000;
    public static final int USERS = 51;
    public static final int MESSAGE_IDS = 50;
    static final int RESENT_PERCENT = 20;
    static final int RESEND_REACH = 3;

    private MessageEvents() {
    }

    /** Adds event_type, message_id, channel, country_id and user_id to rows of the rate source. */
    public static Dataset<Row> enrich(Dataset<Row> rateRows, long seed) {
        Column value = col("value");
        // A resent row repeats the message of an earlier row: every field is drawn from that row's value.
        Column resent = value.geq(RESEND_REACH).and(draw(seed, value, "resent", 100).lt(RESENT_PERCENT));
        Column origin = when(resent, value.minus(lit(1)).minus(draw(seed, value, "resend-gap", RESEND_REACH)))
                .otherwise(value);
        // One withColumn per field (not withColumns(Map)): the columns keep the seed's order.
        return rateRows
                .withColumn("event_type",
                pick(DRAWN_EVENT_TYPES, draw(seed, origin, "event_type", DRAWN_EVENT_TYPES.size())))
                .withColumn("message_id", pick(messageIds(seed), draw(seed, origin, "message_id", MESSAGE_IDS)))
                .withColumn("channel", pick(CHANNELS, draw(seed, origin, "channel", CHANNELS.size())))
                .withColumn("country_id",
                draw(seed, origin, "country_id", COUNTRIES).plus(FIRST_COUNTRY).cast(DataTypes.IntegerType))
                .withColumn("user_id",
                draw(seed, origin, "user_id", USERS).plus(FIRST_USER).cast(DataTypes.IntegerType));
    }

    /** The seed's 50 message ids (version-4 UUIDs), drawn from {@code seed}. */
    public static List<String> messageIds(long seed) {
        Random random = new Random(seed);
        List<String> ids = new ArrayList<>(MESSAGE_IDS);
        for (int i = 0; i < MESSAGE_IDS; i++) {
            long high = (random.nextLong() & ~0xF000L) | 0x4000L;                     // version 4
            long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
            ids.add(new UUID(high, low).toString());
        }
        return ids;
    }

    /** A number in [0, bound) from a hash of the seed, the row and what is drawn: the same inputs, the same number. */
    private static Column draw(long seed, Column row, String what, int bound) {
        return pmod(xxhash64(lit(seed), row, lit(what)), lit((long) bound));
    }

    private static Column pick(List<String> values, Column index) {
        Column[] literals = values.stream().map(v -> lit(v).cast(DataTypes.StringType)).toArray(Column[]::new);
        return element_at(array(literals), index.plus(1).cast(DataTypes.IntegerType));
    }

    private static List<String> drawnEventTypes() {
        List<String> types = new ArrayList<>(EVENT_TYPES);
        types.addAll(Arrays.asList("", "NONE", null));
        return types;
    }
}
