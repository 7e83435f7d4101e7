package io.streamlab.summary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamlab.weather.WeatherReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotStoreTest {

    @TempDir
    Path directory;

    @Test
    void savesAndLoadsPartitionFiles() throws Exception {
        SnapshotStore store = new SnapshotStore(directory);
        assertEquals(PartitionSnapshot.fresh(2), store.loadOrFresh(2));
        assertTrue(store.load(2).isEmpty());
        PartitionSnapshot snapshot = PartitionSnapshot.fresh(2);
        snapshot.apply(new WeatherReport(LocalDate.of(2000, 1, 1), "F", 31.5, false));
        snapshot.advanceTo(1);
        store.save(snapshot);
        assertEquals(directory.resolve("partition-2.json"), store.fileFor(2));
        assertEquals(snapshot, store.loadOrFresh(2));
        assertEquals(List.of(2), store.partitions());
        assertEquals(snapshot.toJson(), store.show());
    }

    @Test
    void anUnreadableFileIsAnErrorNamingTheFile() throws IOException {
        SnapshotStore store = new SnapshotStore(directory);
        PartitionSnapshot snapshot = PartitionSnapshot.fresh(3);
        snapshot.apply(new WeatherReport(LocalDate.of(2000, 1, 1), "D", 40, true));
        store.save(snapshot);
        String saved = Files.readString(store.fileFor(3));
        Files.writeString(store.fileFor(3), saved.substring(0, saved.length() / 2)); // truncated
        UnreadableSnapshotException truncated = assertThrows(UnreadableSnapshotException.class, () -> store.loadOrFresh(3));
        assertTrue(truncated.getMessage().contains(store.fileFor(3).toString()), truncated.getMessage());
        assertEquals(store.fileFor(3), truncated.file());

        Files.writeString(store.fileFor(3), saved.replace("\"partition\": 3", "\"partition\": 4")); // hand-edited
        UnreadableSnapshotException edited = assertThrows(UnreadableSnapshotException.class, () -> store.loadOrFresh(3));
        assertTrue(edited.getMessage().contains("says partition 4"), edited.getMessage());

        Files.write(store.fileFor(3), new byte[] {(byte) 0xff, (byte) 0xfe, 0x7b});
        assertThrows(UnreadableSnapshotException.class, () -> store.loadOrFresh(3));
    }

    @Test
    void deleteAllRemovesPartitionFilesAndLeftoversOnly() throws IOException {
        SnapshotStore store = new SnapshotStore(directory);
        for (int partition = 0; partition < 6; partition++) {
            store.save(PartitionSnapshot.fresh(partition));
        }
        Files.writeString(directory.resolve("partition-4.json.tmp"), "leftover of a crash");
        Files.writeString(directory.resolve("notes.json"), "not ours");
        assertEquals(6, store.deleteAll());
        assertEquals(List.of(), store.partitions());
        assertTrue(Files.exists(directory.resolve("notes.json")));
        assertTrue(Files.notExists(directory.resolve("partition-4.json.tmp")));
        assertEquals(0, new SnapshotStore(directory.resolve("missing")).deleteAll());
    }

    @Test
    void aCrashWhileSavingKeepsThePreviousSnapshot() throws Exception {
        PartitionSnapshot first = PartitionSnapshot.fresh(0);
        first.apply(new WeatherReport(LocalDate.of(2000, 1, 1), "N", 20, false));
        first.advanceTo(1);
        new SnapshotStore(directory).save(first);
        byte[] before = Files.readAllBytes(directory.resolve("partition-0.json"));

        SnapshotStore crashing = new SnapshotStore(directory, (temporary, target) -> {
            throw new IOException("simulated crash before rename");
        });
        PartitionSnapshot second = new SnapshotStore(directory).loadOrFresh(0);
        second.apply(new WeatherReport(LocalDate.of(2000, 1, 2), "N", 22, false));
        second.advanceTo(2);
        assertThrows(IOException.class, () -> crashing.save(second));
        assertArrayEquals(before, Files.readAllBytes(directory.resolve("partition-0.json")));
        assertEquals(first, new SnapshotStore(directory).loadOrFresh(0));
    }
}
