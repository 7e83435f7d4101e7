package io.streamlab.kernel.magic;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class CellScriptTest {
    @Test
    void codeAndLineMagicsKeepTheirOrderAndCellLines() {
        List<CellScript.Part> parts = CellScript.parts("int a = 1;\n%maven g:a:1\n\nint b = 2;\n  %lsmagic", 1);
        assertEquals(4, parts.size());
        assertEquals("int a = 1;", parts.get(0).code());
        assertEquals(1, parts.get(0).firstLine());
        assertEquals("maven", parts.get(1).magicName());
        assertEquals("g:a:1", parts.get(1).args());
        assertEquals(2, parts.get(1).firstLine());
        assertEquals("int b = 2;", parts.get(2).code());
        assertEquals(4, parts.get(2).firstLine());
        assertEquals("lsmagic", parts.get(3).magicName());
    }

    @Test
    void moduloOnAContinuationLineIsNotAMagic() {
        List<CellScript.Part> parts = CellScript.parts("int r = 7\n  % 3;", 1);
        assertEquals(1, parts.size());
        assertFalse(parts.get(0).isMagic());
    }

    @Test
    void cellMagicTakesTheRestOfTheCell() {
        CellScript.CellMagic m = CellScript.cellMagic("%%time fast\nint x = 1;\nx");
        assertNotNull(m);
        assertEquals("time", m.name());
        assertEquals("fast", m.args());
        assertEquals("int x = 1;\nx", m.body());
        assertNull(CellScript.cellMagic("%time x\n1"));
    }

    @Test
    void argumentsKeepQuotedStringsWhole() {
        assertEquals(List.of("a", "b c", "d"), CellScript.arguments(" a \"b c\"  d "));
        assertEquals(List.of(), CellScript.arguments("   "));
    }
}
