package io.streamlab.weather;

import com.google.protobuf.InvalidProtocolBufferException;
import io.streamlab.weather.proto.Report;

/** Reports as protobuf {@link Report} messages (proto/report.proto), as in the {@code stations} topic. */
public final class ProtobufReportCodec implements ReportCodec {

    private static final String FORMAT = "protobuf";

    ProtobufReportCodec() {
    }

    /** The generated message for a report. */
    public static Report toMessage(WeatherReport report) {
        return Report.newBuilder()
                .setDate(ReportFields.formatDate(report.date()))
                .setStation(report.station())
                .setDegrees(report.degrees())
                .setRaining(report.raining())
                .build();
    }

    /** The report a generated message holds, checked like bytes from the wire. */
    public static WeatherReport fromMessage(Report message) throws ReportDecodingException {
        return new WeatherReport(
                ReportFields.parseDate(message.getDate(), FORMAT),
                ReportFields.checkStation(message.getStation(), FORMAT),
                ReportFields.checkDegrees(message.getDegrees(), FORMAT),
                message.getRaining());
    }

    @Override
    public byte[] encode(WeatherReport report) {
        return toMessage(report).toByteArray();
    }

    @Override
    public WeatherReport decode(byte[] bytes) throws ReportDecodingException {
        if (bytes == null) {
            throw new ReportDecodingException("protobuf report is missing (null value)");
        }
        Report message;
        try {
            message = Report.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new ReportDecodingException("bytes are not a protobuf Report: " + e.getMessage(), e);
        }
        // Protobuf parses many random byte strings as a message made only of unknown fields; ours
        // never has any, so unknown fields mean the bytes were not a Report.
        if (!message.getUnknownFields().asMap().isEmpty()) {
            throw new ReportDecodingException("bytes are not a protobuf Report: unknown field numbers "
                    + message.getUnknownFields().asMap().keySet());
        }
        return fromMessage(message);
    }
}
