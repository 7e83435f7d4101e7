package io.streamlab.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ClusterCliTest {

    @Test
    void readsTheFeatureVersionOfOldAndNewJavas() {
        assertEquals(8, ClusterCli.featureVersion("1.8"));
        assertEquals(11, ClusterCli.featureVersion("11"));
        assertEquals(17, ClusterCli.featureVersion("17"));
        assertEquals(0, ClusterCli.featureVersion("unknown"));
    }

    @Test
    void entryPointRunsOnJava8() throws Exception {
        // Class file major version 52 = Java 8: an old java can load it and print the real problem.
        try (var in = ClusterCli.class.getResourceAsStream("ClusterCli.class");
                var data = new java.io.DataInputStream(in)) {
            data.readInt(); // magic
            data.readUnsignedShort(); // minor
            assertEquals(52, data.readUnsignedShort());
        }
    }
}
