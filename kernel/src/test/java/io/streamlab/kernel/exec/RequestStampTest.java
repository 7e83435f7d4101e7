package io.streamlab.kernel.exec;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RequestStampTest {
    @Test
    void anInterruptSentBeforeACellDoesNotApplyToIt() {
        CellInterrupter.RequestStamp interrupt = new CellInterrupter.RequestStamp("s", Instant.parse("2024-01-01T10:00:00.000100Z"));
        CellInterrupter.RequestStamp cell = new CellInterrupter.RequestStamp("s", Instant.parse("2024-01-01T10:00:00.000200Z"));
        assertTrue(interrupt.precedes(cell));
        assertFalse(cell.precedes(interrupt));
        assertFalse(new CellInterrupter.RequestStamp("other", interrupt.sent()).precedes(cell), "other clients' clocks are not comparable");
    }
}
