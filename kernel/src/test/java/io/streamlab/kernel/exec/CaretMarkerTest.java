package io.streamlab.kernel.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CaretMarkerTest {
    @Test
    void pointsAtTheProblemOnItsCellLine() {
        String code = "int a = 1;\nint b = \"x\";";
        int pos = code.indexOf('"');
        assertEquals(List.of("line 6:", "int b = \"x\";", "        ^"), CaretMarker.mark(code, 5, pos, pos));
    }

    @Test
    void underlinesFromTheStartOfTheConstruct() {
        String code = "foo(bar)";
        assertEquals("^^^^", CaretMarker.mark(code, 1, 3, 0).get(2));
    }

    @Test
    void keepsTabsSoTheCaretLinesUp() {
        assertEquals("\t ^", CaretMarker.mark("\t x", 1, 2, 2).get(2));
    }
}
