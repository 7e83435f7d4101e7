package io.streamlab.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterStateTest {

    @TempDir
    Path temp;

    @Test
    void aNewDirectoryGetsTheLayoutAndTheMarker() {
        ClusterState state = new ClusterState(temp.resolve("state"));

        state.ensureCreated();

        for (String dir : new String[] {"data", "logs", "run", "conf"}) {
            assertTrue(Files.isDirectory(temp.resolve("state").resolve(dir)), dir);
        }
        assertTrue(Files.isRegularFile(temp.resolve("state/.streamlab-state")));
    }

    @Test
    void anEmptyDirectoryIsAdopted() throws IOException {
        Files.createDirectories(temp.resolve("state"));

        new ClusterState(temp.resolve("state")).ensureCreated();

        assertTrue(Files.isRegularFile(temp.resolve("state/.streamlab-state")));
    }

    @Test
    void aStateDirectoryIsReusedWithItsData() throws IOException {
        ClusterState state = new ClusterState(temp.resolve("state"));
        state.ensureCreated();
        Files.createDirectories(state.dataDir("kafka"));
        Files.writeString(state.dataDir("kafka").resolve("meta.properties"), "node.id=1\n");

        state.ensureCreated();

        assertEquals("node.id=1\n", Files.readString(state.dataDir("kafka").resolve("meta.properties")));
    }

    @Test
    void aFreshVolumeMountedAtDataIsAdopted() throws IOException {
        // What docker compose makes for `kafka-data:/streamlab/.streamlab/data` on the first `up`.
        Path root = temp.resolve(".streamlab");
        Files.createDirectories(root.resolve("data"));

        new ClusterState(root).ensureCreated();

        assertTrue(Files.isRegularFile(root.resolve(".streamlab-state")));
        assertTrue(Files.isDirectory(root.resolve("logs")));
    }

    @Test
    void aVolumeHoldingServiceDataIsAdoptedAndKept() throws IOException {
        // After `down` and `up` the container's state directory is new and unmarked; the volume is not.
        Path root = temp.resolve(".streamlab");
        Path version = root.resolve("data/hdfs/name/current/VERSION");
        Files.createDirectories(version.getParent());
        Files.writeString(version, "namespaceID=42\n");
        Files.createDirectories(root.resolve("data/kafka"));

        ClusterState state = new ClusterState(root);
        state.ensureCreated();

        assertEquals("namespaceID=42\n", Files.readString(version));
        state.wipeData();
        assertFalse(Files.exists(version), "adopted, so reset may delete the cluster's own data");
    }

    @Test
    void aDirectoryWithOtherFilesIsRefusedAndLeftAlone() throws IOException {
        Path root = temp.resolve("home");
        Files.createDirectories(root.resolve("data"));
        Files.writeString(root.resolve("notes.txt"), "mine\n");

        ClusterException error = assertThrows(ClusterException.class, () -> new ClusterState(root).ensureCreated());

        assertTrue(error.getMessage().contains(root.toString())
                && error.getMessage().contains("STREAMLAB_STATE"), error.getMessage());
        assertFalse(Files.exists(root.resolve(".streamlab-state")));
        assertFalse(Files.exists(root.resolve("logs")));
    }

    @Test
    void aDataDirectoryWithForeignContentIsRefused() throws IOException {
        // A user's own data/ folder is not a volume of ours: reset would delete it.
        Path root = temp.resolve("project");
        Files.createDirectories(root.resolve("data/photos"));

        assertThrows(ClusterException.class, () -> new ClusterState(root).ensureCreated());
        new ClusterState(root).wipeData();

        assertTrue(Files.isDirectory(root.resolve("data/photos")));
    }

    @Test
    void aServiceNameThatIsAFileIsRefused() throws IOException {
        Path root = temp.resolve("project");
        Files.createDirectories(root.resolve("data"));
        Files.writeString(root.resolve("data/kafka"), "not a directory\n");

        assertThrows(ClusterException.class, () -> new ClusterState(root).ensureCreated());
    }

    @Test
    void onlyTheServicesDataDirectoriesExist() {
        ClusterState state = new ClusterState(temp);

        assertEquals(temp.resolve("data/hdfs"), state.dataDir("hdfs"));
        assertThrows(IllegalArgumentException.class, () -> state.dataDir("elsewhere"));
    }
}
