package io.streamlab.labs.variance;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IntegerLinesTest {

    @Test
    void theSameSeedGivesTheSameLines() {
        assertEquals(IntegerLines.random(7).limit(20), IntegerLines.random(7).limit(20));
        assertNotEquals(IntegerLines.random(7).limit(20), IntegerLines.random(8).limit(20));
    }

    @Test
    void linesHoldSixIntegersFromOneToTen() {
        for (String line : IntegerLines.random(3).limit(200)) {
            long[] numbers = IntegerLines.parse(line);
            assertEquals(6, numbers.length, line);
            assertTrue(Arrays.stream(numbers).allMatch(x -> x >= 1 && x <= 10), line);
        }
    }

    @Test
    void countingIsTheSeedsProducer() {
        assertEquals(List.of("1 2 3 4 5 6", "1 2 3 4 5 6"), IntegerLines.counting().limit(2));
    }

    @Test
    void parseSplitsOnAnyWhitespaceAndNamesABadToken() {
        assertArrayEquals(new long[] {1, -2, 30}, IntegerLines.parse("  1 \t-2   30 "));
        assertArrayEquals(new long[0], IntegerLines.parse("   "));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> IntegerLines.parse("1 two 3"));
        assertTrue(error.getMessage().contains("'two'"), error.getMessage());
    }

    @Test
    void rejectsLinesWithoutIntegers() {
        assertThrows(IllegalArgumentException.class, () -> IntegerLines.random(1, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> IntegerLines.random(1, 6, 0));
    }
}
