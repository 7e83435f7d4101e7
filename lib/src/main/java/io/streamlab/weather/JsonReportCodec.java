package io.streamlab.weather;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Set;

/**
 * Reports as UTF-8 JSON, as in the {@code stations-json} topic:
 * {@code {"date":"2000-01-01","station":"A","degrees":38.2,"raining":1}} — raining as 1 or 0, the
 * seed's format, which Spark reads with {@code from_json} as an int column.
 */
public final class JsonReportCodec implements ReportCodec {

    private static final String FORMAT = "JSON";
    private static final Set<String> FIELDS = Set.of("date", "station", "degrees", "raining");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    JsonReportCodec() {
    }

    /** The JSON text of a report (field order date, station, degrees, raining). */
    public static String toJson(WeatherReport report) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("date", ReportFields.formatDate(report.date()));
        node.put("station", report.station());
        node.put("degrees", report.degrees());
        node.put("raining", report.raining() ? 1 : 0);
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree of strings and numbers", e);
        }
    }

    /** The report a JSON text holds. */
    public static WeatherReport fromJson(String json) throws ReportDecodingException {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ReportDecodingException("text is not JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new ReportDecodingException("JSON report must be an object with " + FIELDS + ", got " + abbreviate(json));
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new ReportDecodingException("JSON report has unknown field \"" + name + "\", expected " + FIELDS);
            }
        }
        JsonNode date = node.get("date");
        JsonNode station = node.get("station");
        JsonNode degrees = node.get("degrees");
        JsonNode raining = node.get("raining");
        if (date == null || !date.isTextual()) {
            throw new ReportDecodingException("JSON report needs \"date\" as a \"YYYY-MM-DD\" string");
        }
        if (station == null || !station.isTextual()) {
            throw new ReportDecodingException("JSON report needs \"station\" as a string A–Z");
        }
        if (degrees == null || !degrees.isNumber()) {
            throw new ReportDecodingException("JSON report needs \"degrees\" as a number");
        }
        if (raining == null || !raining.isIntegralNumber() || (raining.asInt() != 0 && raining.asInt() != 1)
                || !raining.canConvertToInt()) {
            throw new ReportDecodingException("JSON report needs \"raining\" as 1 or 0, got "
                    + (raining == null ? "nothing" : raining.toString()));
        }
        return new WeatherReport(
                ReportFields.parseDate(date.textValue(), FORMAT),
                ReportFields.checkStation(station.textValue(), FORMAT),
                ReportFields.checkDegrees(degrees.doubleValue(), FORMAT),
                raining.asInt() == 1);
    }

    @Override
    public byte[] encode(WeatherReport report) {
        return toJson(report).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public WeatherReport decode(byte[] bytes) throws ReportDecodingException {
        if (bytes == null) {
            throw new ReportDecodingException("JSON report is missing (null value)");
        }
        return fromJson(new String(bytes, StandardCharsets.UTF_8));
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
