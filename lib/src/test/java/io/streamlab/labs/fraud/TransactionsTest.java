package io.streamlab.labs.fraud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransactionsTest {

    @Test
    void theSameSeedGivesTheSameTransactions() {
        assertEquals(Transactions.seeded(5).limit(50), Transactions.seeded(5).limit(50));
        assertNotEquals(Transactions.seeded(5).limit(50), Transactions.seeded(6).limit(50));
    }

    @Test
    void transactionsLookLikeTheSeeds() {
        List<Transaction> transactions = Transactions.seeded(1).limit(500);
        long flagged = transactions.stream().filter(t -> t.flag() == 1).count();
        assertTrue(flagged > 100 && flagged < 200, "about 30 % flagged, got " + flagged);
        for (Transaction t : transactions) {
            assertTrue(Transactions.NAMES.contains(t.name())
                    && Transactions.SURNAMES.contains(t.surname()), t.toString());
            assertTrue(t.amount() >= 1 && t.amount() <= 1000 && t.deltaT() >= 0 && t.deltaT() <= 10, t.toString());
            assertEquals(t.amount(), Math.round(t.amount() * 100) / 100.0);
        }
    }

    @Test
    void jsonHasTheSeedsFieldsInOrder() throws Exception {
        String json = new Transaction("Jill", "Millers", 736.56, 7.78, 0).toJson();
        assertEquals("{\"name\":\"Jill\",\"surname\":\"Millers\",\"amount\":736.56,\"delta_t\":7.78,\"flag\":0}", json);
        JsonNode parsed = new ObjectMapper().readTree(json);
        assertEquals(736.56, parsed.get("amount").asDouble());
    }

    @Test
    void aFlagIsZeroOrOne() {
        assertThrows(IllegalArgumentException.class, () -> new Transaction("A", "B", 1, 1, 2));
    }
}
