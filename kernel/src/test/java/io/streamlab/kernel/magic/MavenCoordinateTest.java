package io.streamlab.kernel.magic;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class MavenCoordinateTest {
    @Test
    void parsesMavensForms() {
        assertEquals(new MavenCoordinate("g", "a", "jar", null, "1.0"), MavenCoordinate.parse("g:a:1.0"));
        assertEquals(new MavenCoordinate("g", "a", "pom", null, "1.0"), MavenCoordinate.parse("g:a:pom:1.0"));
        assertEquals(new MavenCoordinate("g", "a", "jar", "tests", "1.0"), MavenCoordinate.parse("g:a:jar:tests:1.0"));
    }

    @Test
    void rejectsWhatIsNotACoordinateWithAnExample() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MavenCoordinate.parse("commons-lang3"));
        assertTrue(e.getMessage().contains("group:artifact:version"));
        assertThrows(IllegalArgumentException.class, () -> MavenCoordinate.parse("g::1"));
        assertThrows(IllegalArgumentException.class, () -> MavenCoordinate.parse("g:a:<x>"));
    }

    @Test
    void generatedPomListsEveryCoordinate() {
        String pom = MavenResolver.pom(List.of(MavenCoordinate.parse("g:a:1"), MavenCoordinate.parse("h:b:jar:c:2")));
        assertTrue(pom.contains("<groupId>g</groupId><artifactId>a</artifactId><version>1</version>"));
        assertTrue(pom.contains("<classifier>c</classifier>"));
    }

    @Test
    void artifactStemIgnoresTheVersion() {
        assertEquals("commons-lang3", MavenMagic.KernelJars.artifactStem("commons-lang3-3.14.0.jar"));
        assertEquals("spark-sql_2.12", MavenMagic.KernelJars.artifactStem("spark-sql_2.12-3.5.7.jar"));
    }
}
