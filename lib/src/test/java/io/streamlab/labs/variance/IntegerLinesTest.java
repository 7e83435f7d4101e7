package io.streamlab.labs.variance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class IntegerLinesTest {

    @Test
    void theSameSeedGivesTheSameLines() {
        assertEquals(IntegerLines.random(7).limit(20), IntegerLines.random(7).limit(20));
        assertNotEquals(IntegerLines.random(7).limit(20), IntegerLines.random(8).limit(20));
    }

    @Test
    void linesHoldSixIntegersFromOneToTen() {
        for (String line : IntegerLines.random(3).limit(200)) {
            long[] numbers = Arrays.stream(line.split(" ")).mapToLong(Long::parseLong).toArray();
            assertEquals(6, numbers.length, line);
            assertTrue(Arrays.stream(numbers).allMatch(x -> x >= 1 && x <= 10), line);
        }
    }

    @Test
    void countingIsTheSeedsProducer() {
        assertEquals(List.of("1 2 3 4 5 6", "1 2 3 4 5 6"), IntegerLines.counting().limit(2));
    }

    @Test
    void theLabsDefaultInputIsTheWorkedExampleAndThenEnds() {
        IntegerLines lines = IntegerLines.of(VarianceSettings.fromEnvironment(Map.of()));
        assertEquals(List.of("1 2 3 4 5 6", "1 2 3 4 5 6"), lines.limit(5));
        assertFalse(lines.hasNext());
        assertThrows(NoSuchElementException.class, lines::next);
    }

    @Test
    void randomInputIsSeededAndCounted() {
        VarianceSettings settings = VarianceSettings.fromEnvironment(Map.of(
                VarianceSettings.INPUT, "random", VarianceSettings.SEED, "7", VarianceSettings.LINES, "4"));
        assertEquals(IntegerLines.random(7).limit(4), IntegerLines.of(settings).limit(10));
    }

    @Test
    void rejectsLinesWithoutIntegers() {
        assertThrows(IllegalArgumentException.class, () -> IntegerLines.random(1, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> IntegerLines.random(1, 6, 0));
    }
}
