package io.streamlab.labs.lakehouse;

import org.apache.spark.sql.SparkSession;

/**
 * The check at the end of Challenge 1: every bronze message reached silver, either as a valid or as a
 * corrupted message — nothing lost, nothing written twice.
 */
public record LayerCounts(long bronze, long silverValid, long silverCorrupted) {

    /** Counts the three tables with batch reads. */
    public static LayerCounts of(SparkSession spark, LakeTables tables) {
        return new LayerCounts(
                spark.read().schema(MessageEvents.SCHEMA).parquet(tables.bronze()).count(),
                spark.read().parquet(tables.silverMessages()).count(),
                spark.read().parquet(tables.silverCorrupted()).count());
    }

    public boolean reconciled() {
        return bronze == silverValid + silverCorrupted;
    }

    /** Throws, naming the counts, unless bronze = silver valid + corrupted. */
    public LayerCounts requireReconciled() {
        if (!reconciled()) {
            throw new IllegalStateException("bronze has " + bronze + " messages but silver " + (silverValid + silverCorrupted)
                    + " — did the silver stream stop before it had read all of bronze?");
        }
        return this;
    }

    @Override
    public String toString() {
        return String.join("\n",
                "bronze messages:            " + bronze,
                "silver valid messages:      " + silverValid,
                "silver corrupted messages:  " + silverCorrupted,
                "silver messages in total:   " + (silverValid + silverCorrupted),
                "bronze = valid + corrupted: " + reconciled());
    }
}
