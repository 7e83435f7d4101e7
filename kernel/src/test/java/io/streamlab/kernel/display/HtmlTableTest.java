package io.streamlab.kernel.display;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlTableTest {
    @Test
    void escapesCellsAndAlignsText() {
        HtmlTable t = new HtmlTable(List.of("station", "note"));
        t.addRow(List.of("A", "<b>&"));
        t.footnote("only showing top 1 rows");
        assertTrue(t.html().contains("<td>&lt;b&gt;&amp;</td>"));
        assertEquals("+-------+----+\n|station|note|\n+-------+----+\n|      A|<b>&|\n+-------+----+\nonly showing top 1 rows\n", t.text());
    }

    @Test
    void arraysShowTheirElements() {
        assertEquals("[1, 2]", ValueRenderer.text(new int[]{1, 2}));
        assertEquals("null", ValueRenderer.text(null));
    }
}
