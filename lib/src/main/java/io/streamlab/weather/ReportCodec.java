package io.streamlab.weather;

/** Turns weather reports into the bytes a Kafka record carries, and back. */
public interface ReportCodec {

    /** Protobuf {@code Report} messages: the {@code stations} topic. */
    ReportCodec PROTOBUF = new ProtobufReportCodec();

    /** JSON objects with raining as 1/0: the {@code stations-json} topic. */
    ReportCodec JSON = new JsonReportCodec();

    byte[] encode(WeatherReport report);

    /** The report in {@code bytes}; a {@link ReportDecodingException} naming the problem otherwise. */
    WeatherReport decode(byte[] bytes) throws ReportDecodingException;
}
