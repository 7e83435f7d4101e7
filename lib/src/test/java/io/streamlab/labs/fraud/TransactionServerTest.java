package io.streamlab.labs.fraud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionServerTest {

    static FraudSettings settings(int transactions, Optional<Path> record) {
        return new FraudSettings(9, 0, transactions, Duration.ofMillis(5), Duration.ofSeconds(1),
                Duration.ofSeconds(10), record);
    }

    static List<String> readLines(TransactionServer server, int count) throws IOException {
        try (Socket socket = new Socket(server.host(), server.port())) {
            socket.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                lines.add(in.readLine());
            }
            // After its transactions the connection stays open and quiet.
            socket.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, in::readLine);
            return lines;
        }
    }

    @Test
    void everyConnectionGetsTheSameSeededTransactionsAndTheRecordHasThem(@TempDir Path dir) throws Exception {
        Path record = dir.resolve("sent.tsv");
        List<String> expected = Transactions.seeded(9).limit(12).stream().map(Transaction::toJson).toList();
        try (TransactionServer server = TransactionServer.start(settings(12, Optional.of(record)))) {
            assertTrue(server.port() > 0);
            assertEquals(expected, readLines(server, 12));
            assertEquals(expected, readLines(server, 12));
            assertEquals(2, server.connections());
            assertEquals(24, server.sent());
        }
        List<String> recorded = Files.readAllLines(record);
        assertEquals(24, recorded.size());
        for (int i = 0; i < 12; i++) {
            assertEquals("1\t" + expected.get(i), withoutTime(recorded.get(i)));
            assertEquals("2\t" + expected.get(i), withoutTime(recorded.get(12 + i)));
        }
    }

    /** A record line without its send time: connection and line. */
    static String withoutTime(String recorded) {
        String[] fields = recorded.split("\t", 3);
        assertTrue(Long.parseLong(fields[1]) > 0, recorded);
        return fields[0] + "\t" + fields[2];
    }

    @Test
    void aBusyPortIsAnErrorThatNamesTheSetting() {
        try (TransactionServer first = TransactionServer.start(settings(1, Optional.empty()))) {
            FraudSettings samePort = new FraudSettings(9, first.port(), 1, Duration.ofMillis(5), Duration.ofSeconds(1),
                    Duration.ofSeconds(10), Optional.empty());
            Exception error = assertThrows(RuntimeException.class, () -> TransactionServer.start(samePort));
            assertTrue(error.getMessage().contains(FraudSettings.PORT), error.getMessage());
        }
    }

    @Test
    void settingsComeFromTheEnvironment() {
        FraudSettings settings = FraudSettings.fromEnvironment(Map.of(FraudSettings.TRANSACTIONS, "30",
                FraudSettings.PAUSE, "20ms", FraudSettings.RECORD_FILE, "/tmp/x.tsv"));
        assertEquals(30, settings.transactions());
        assertEquals(Duration.ofMillis(20), settings.pause());
        assertEquals(Optional.of(Path.of("/tmp/x.tsv")), settings.recordFile());
        assertEquals(0, settings.port());
        assertThrows(IllegalArgumentException.class,
                () -> FraudSettings.fromEnvironment(Map.of(FraudSettings.PORT, "70000")));
    }
}
