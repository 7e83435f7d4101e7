package io.streamlab.labs.fraud;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * An endless, seedable stream of fake transactions: random combinations of the seed's first and last
 * names (20 people), amounts up to 1000, a few seconds between transactions, and about one in three
 * flagged — so within a few dozen transactions some people have more than one flagged.
 */
public final class Transactions implements Iterator<Transaction> {

    public static final List<String> NAMES = List.of("Jill", "John", "Andy", "Alice");
    public static final List<String> SURNAMES = List.of("Millers", "Johnson", "Jones", "Smith", "Darby");
    /** Chance that a transaction is flagged as potentially fraudulent. */
    public static final double FLAG_PROBABILITY = 0.3;

    private final Random random;

    private Transactions(long seed) {
        this.random = new Random(seed);
    }

    /** The same seed gives the same transactions, in the same order. */
    public static Transactions seeded(long seed) {
        return new Transactions(seed);
    }

    @Override
    public boolean hasNext() {
        return true;
    }

    @Override
    public Transaction next() {
        return new Transaction(
                NAMES.get(random.nextInt(NAMES.size())),
                SURNAMES.get(random.nextInt(SURNAMES.size())),
                cents(1 + random.nextDouble() * 999),
                cents(random.nextDouble() * 10),
                random.nextDouble() < FLAG_PROBABILITY ? 1 : 0);
    }

    public List<Transaction> limit(int count) {
        List<Transaction> transactions = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            transactions.add(next());
        }
        return transactions;
    }

    private static double cents(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
