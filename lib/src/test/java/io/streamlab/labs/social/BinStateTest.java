package io.streamlab.labs.social;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BinStateTest {

    private static final LocalDateTime FIRST = LocalDateTime.parse("2023-04-11T13:32:20");
    private static final LocalDateTime SECOND = LocalDateTime.parse("2023-04-11T13:32:45");

    @Test
    void countsEveryPostAndEveryAuthorOnceAcrossBatches() {
        BinState bin = BinState.created("instagram;2023-04-05T00:05:00", FIRST)
                .add(List.of("MX", "NA").iterator(), FIRST);
        assertEquals(2, bin.getCount());
        assertEquals(2, bin.getUniqueCount());

        // The seed's second batch: the same two authors again.
        bin.add(List.of("NA", "MX").iterator(), SECOND);
        assertEquals(4, bin.getCount());
        assertEquals(2, bin.getUniqueCount());
        assertEquals(List.of("MX", "NA"), bin.getUserIds());

        bin.add(List.of("QJ", "QJ").iterator(), SECOND);
        assertEquals(6, bin.getCount());
        assertEquals(3, bin.getUniqueCount());
        assertEquals(List.of("MX", "NA", "QJ"), bin.getUserIds());
    }

    @Test
    void createdAtStaysAndUpdatedAtMoves() {
        BinState bin = BinState.created("k", FIRST).add(List.of("A").iterator(), FIRST);
        bin.add(List.of("B").iterator(), SECOND);
        assertEquals(FIRST, bin.getCreatedAt());
        assertEquals(SECOND, bin.getUpdatedAt());
    }
}
