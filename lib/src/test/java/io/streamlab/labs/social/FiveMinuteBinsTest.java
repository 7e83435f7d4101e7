package io.streamlab.labs.social;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FiveMinuteBinsTest {

    @Test
    void utcPlusSevenAcrossMidnight() {
        assertEquals(LocalDateTime.parse("2023-04-05T00:09:23"), FiveMinuteBins.local(Instant.parse("2023-04-04T17:09:23Z")));
    }

    @Test
    void binsStartEveryFiveMinutesAndHoldTheirLastSecond() {
        assertEquals(LocalDateTime.parse("2023-04-05T00:05"), FiveMinuteBins.bin(LocalDateTime.parse("2023-04-05T00:05:00")));
        assertEquals(LocalDateTime.parse("2023-04-05T00:05"), FiveMinuteBins.bin(LocalDateTime.parse("2023-04-05T00:09:59.999")));
        assertEquals(LocalDateTime.parse("2023-04-05T00:10"), FiveMinuteBins.bin(LocalDateTime.parse("2023-04-05T00:10:00")));
        assertEquals(LocalDateTime.parse("2023-04-04T23:55"), FiveMinuteBins.bin(LocalDateTime.parse("2023-04-04T23:59:59")));
    }

    @Test
    void theKeyWritesSecondsLikeTheSeed() {
        assertEquals("twitter;2023-04-04T23:35:00", FiveMinuteBins.key(Platform.TWITTER, LocalDateTime.parse("2023-04-04T23:35")));
    }
}
