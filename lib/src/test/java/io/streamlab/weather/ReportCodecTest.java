package io.streamlab.weather;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamlab.weather.proto.Report;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReportCodecTest {

    private static final WeatherReport RAINY = new WeatherReport(LocalDate.of(2000, 1, 5), "C", 38.2, true);
    private static final WeatherReport DRY = new WeatherReport(LocalDate.of(2013, 12, 31), "Z", -4.125, false);

    @Test
    void everyGeneratedReportSurvivesBothCodecsExactly() throws ReportDecodingException {
        for (WeatherReport report : Weather.stations(26).seed(5).pause(Duration.ZERO).limit(2600)) {
            assertEquals(report, ReportCodec.PROTOBUF.decode(ReportCodec.PROTOBUF.encode(report)));
            assertEquals(report, ReportCodec.JSON.decode(ReportCodec.JSON.encode(report)));
        }
    }

    @Test
    void jsonHasTheSeedsFieldNamesAndRainingAsOneOrZero() {
        assertEquals("{\"date\":\"2000-01-05\",\"station\":\"C\",\"degrees\":38.2,\"raining\":1}",
                new String(ReportCodec.JSON.encode(RAINY), StandardCharsets.UTF_8));
        assertEquals("{\"date\":\"2013-12-31\",\"station\":\"Z\",\"degrees\":-4.125,\"raining\":0}",
                JsonReportCodec.toJson(DRY));
    }

    @Test
    void protobufCarriesTheFieldsOfReportProto() throws Exception {
        Report message = Report.parseFrom(ReportCodec.PROTOBUF.encode(RAINY));
        assertEquals("2000-01-05", message.getDate());
        assertEquals("C", message.getStation());
        assertEquals(38.2, message.getDegrees());
        assertTrue(message.getRaining());
        assertArrayEquals(message.toByteArray(), ProtobufReportCodec.toMessage(RAINY).toByteArray());
        assertEquals(RAINY, ProtobufReportCodec.fromMessage(message));
    }

    @Test
    void bytesThatAreNotAProtobufReportGiveADecodingError() {
        byte[] good = ReportCodec.PROTOBUF.encode(RAINY);
        assertDecodingError(ReportCodec.PROTOBUF, java.util.Arrays.copyOf(good, good.length - 3), "not a protobuf Report");
        assertDecodingError(ReportCodec.PROTOBUF, ReportCodec.JSON.encode(RAINY), "not a protobuf Report");
        assertDecodingError(ReportCodec.PROTOBUF, new byte[0], "no date");
        assertDecodingError(ReportCodec.PROTOBUF, null, "missing");
        Random random = new Random(1);
        for (int i = 0; i < 2000; i++) {
            byte[] noise = new byte[1 + random.nextInt(40)];
            random.nextBytes(noise);
            assertThrows(ReportDecodingException.class, () -> ReportCodec.PROTOBUF.decode(noise));
        }
    }

    @Test
    void datesAreReadExactlyAsYearMonthDay() throws ReportDecodingException {
        Report good = ProtobufReportCodec.toMessage(RAINY);
        assertEquals(LocalDate.of(2000, 2, 29), ReportCodec.PROTOBUF.decode(
                good.toBuilder().setDate("2000-02-29").build().toByteArray()).date());
        assertEquals(LocalDate.of(1, 1, 1), ReportCodec.PROTOBUF.decode(
                good.toBuilder().setDate("0001-01-01").build().toByteArray()).date());
        for (String impossible : new String[]{"2001-02-29", "2000-04-31", "2000-00-10", "2000-01-00", "2000-01-5x",
                "+999-01-01", "2000/01/05", "2000-001-5", "２０００-01-05"}) {
            assertDecodingError(ReportCodec.PROTOBUF, good.toBuilder().setDate(impossible).build().toByteArray(),
                    '"' + impossible + "\", expected YYYY-MM-DD");
        }
    }

    @Test
    void protobufReportsWithImpossibleFieldsGiveADecodingError() {
        Report good = ProtobufReportCodec.toMessage(RAINY);
        assertDecodingError(ReportCodec.PROTOBUF, good.toBuilder().setStation("a").build().toByteArray(), "unknown station \"a\"");
        assertDecodingError(ReportCodec.PROTOBUF, good.toBuilder().setStation("AB").build().toByteArray(), "unknown station \"AB\"");
        assertDecodingError(ReportCodec.PROTOBUF, good.toBuilder().clearStation().build().toByteArray(), "unknown station");
        assertDecodingError(ReportCodec.PROTOBUF, good.toBuilder().setDate("2000-13-01").build().toByteArray(), "2000-13-01");
        assertDecodingError(ReportCodec.PROTOBUF, good.toBuilder().setDate("01/05/2000").build().toByteArray(), "YYYY-MM-DD");
        assertDecodingError(ReportCodec.PROTOBUF, good.toBuilder().setDegrees(Double.NaN).build().toByteArray(), "finite");
    }

    @Test
    void textThatIsNotAJsonReportGivesADecodingError() {
        assertDecodingError(ReportCodec.JSON, ReportCodec.PROTOBUF.encode(RAINY), "not JSON");
        assertDecodingError(ReportCodec.JSON, bytes("{\"date\":\"2000-01-05\",\"station\":\"C\",\"degrees\":38.2"), "not JSON");
        assertDecodingError(ReportCodec.JSON, bytes("[1,2]"), "must be an object");
        assertDecodingError(ReportCodec.JSON, bytes(""), "must be an object");
        assertDecodingError(ReportCodec.JSON, bytes("{\"date\":\"2000-01-05\",\"station\":\"C\",\"degrees\":38.2,\"raining\":true}"), "1 or 0");
        assertDecodingError(ReportCodec.JSON, bytes("{\"date\":\"2000-01-05\",\"station\":\"C\",\"degrees\":38.2,\"raining\":2}"), "1 or 0");
        assertDecodingError(ReportCodec.JSON, bytes("{\"date\":\"2000-01-05\",\"station\":\"C\",\"degrees\":\"warm\",\"raining\":1}"), "degrees");
        assertDecodingError(ReportCodec.JSON, bytes("{\"date\":\"2000-01-05\",\"station\":\"c\",\"degrees\":38.2,\"raining\":1}"), "unknown station \"c\"");
        assertDecodingError(ReportCodec.JSON, bytes("{\"date\":\"2000-1-5\",\"station\":\"C\",\"degrees\":38.2,\"raining\":1}"), "YYYY-MM-DD");
        assertDecodingError(ReportCodec.JSON, bytes("{\"station\":\"C\",\"degrees\":38.2,\"raining\":1}"), "\"date\"");
        assertDecodingError(ReportCodec.JSON, bytes("{\"date\":\"2000-01-05\",\"station\":\"C\",\"degrees\":38.2,\"raining\":1,\"wind\":3}"), "unknown field \"wind\"");
    }

    @Test
    void reportsRejectUnknownStationsWhenBuilt() {
        assertThrows(IllegalArgumentException.class, () -> new WeatherReport(LocalDate.of(2000, 1, 1), "AA", 1, false));
        assertThrows(IllegalArgumentException.class, () -> new WeatherReport(LocalDate.of(2000, 1, 1), "1", 1, false));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void assertDecodingError(ReportCodec codec, byte[] bytes, String expectedInMessage) {
        ReportDecodingException error = assertThrows(ReportDecodingException.class, () -> codec.decode(bytes));
        assertTrue(error.getMessage().contains(expectedInMessage),
                "expected \"" + expectedInMessage + "\" in: " + error.getMessage());
    }
}
