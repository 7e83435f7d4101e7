package io.streamlab.summary;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamlab.weather.Stations;
import io.streamlab.weather.WeatherReport;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one {@code partition-N.json} holds: the summaries of the stations in one partition of the
 * {@code stations} topic, and the offset up to which they count the partition's records. Keeping both
 * in one file, replaced atomically, is what makes restarts exactly-once: the stats and the position
 * they were computed to can never disagree.
 *
 * <pre>{@code
 * {
 *   "partition": 1,
 *   "offset": 268,
 *   "E": {"sum": 3848.3, "count": 134, "avg": 28.7, "start": "2000-01-01", "end": "2000-05-13"},
 *   ...
 * }
 * }</pre>
 *
 * Owned by one consumer thread at a time; not thread safe.
 */
public final class PartitionSnapshot {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Set<String> STATION_FIELDS = Set.of("sum", "count", "avg", "start", "end");
    /** How far a stored avg may be from sum/count (rounding) before we call the file edited. */
    private static final double AVG_TOLERANCE = 1e-9;

    private final int partition;
    private long offset;
    private final SortedMap<String, StationSummary> stations;

    private PartitionSnapshot(int partition, long offset, SortedMap<String, StationSummary> stations) {
        if (partition < 0) {
            throw new IllegalArgumentException("partition numbers start at 0, got " + partition);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offsets start at 0, got " + offset);
        }
        this.partition = partition;
        this.offset = offset;
        this.stations = stations;
    }

    /** Nothing counted yet: offset 0, no stations. */
    public static PartitionSnapshot fresh(int partition) {
        return new PartitionSnapshot(partition, 0, new TreeMap<>());
    }

    public int partition() {
        return partition;
    }

    /** The partition offset of the next record to count (the consumer's position when last saved). */
    public long offset() {
        return offset;
    }

    /** Summaries by station name, sorted. */
    public Map<String, StationSummary> stations() {
        return Collections.unmodifiableSortedMap(stations);
    }

    public StationSummary station(String name) {
        return stations.get(name);
    }

    /**
     * Counts {@code report} unless its date is not after its station's {@code end}; returns whether it
     * counted.
     */
    public boolean apply(WeatherReport report) {
        StationSummary summary = stations.get(report.station());
        if (summary == null) {
            stations.put(report.station(), StationSummary.of(report));
            return true;
        }
        if (!summary.counts(report)) {
            return false;
        }
        stations.put(report.station(), summary.plus(report));
        return true;
    }

    /** Records that the summaries now count the partition up to {@code newOffset} (exclusive). */
    public void advanceTo(long newOffset) {
        if (newOffset < offset) {
            throw new IllegalArgumentException("partition " + partition + " cannot move back from offset " + offset
                    + " to " + newOffset);
        }
        offset = newOffset;
    }

    /** The file format: partition, offset, then one object per station (sum, count, avg, start, end). */
    public String toJson() {
        StringBuilder json = new StringBuilder();
        json.append("{\n  \"partition\": ").append(partition).append(",\n  \"offset\": ").append(offset);
        for (Map.Entry<String, StationSummary> entry : stations.entrySet()) {
            StationSummary s = entry.getValue();
            // Station names are letters and dates ISO digits: nothing here ever needs escaping.
            json.append(",\n  \"").append(entry.getKey()).append("\": {")
                    .append("\n    \"sum\": ").append(s.sum())
                    .append(",\n    \"count\": ").append(s.count())
                    .append(",\n    \"avg\": ").append(s.avg())
                    .append(",\n    \"start\": \"").append(DateTimeFormatter.ISO_LOCAL_DATE.format(s.start())).append('"')
                    .append(",\n    \"end\": \"").append(DateTimeFormatter.ISO_LOCAL_DATE.format(s.end())).append('"')
                    .append("\n  }");
        }
        return json.append("\n}\n").toString();
    }

    /** Reads {@link #toJson()}'s format strictly: anything else is a {@link SnapshotFormatException}. */
    public static PartitionSnapshot fromJson(String text) throws SnapshotFormatException {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SnapshotFormatException("not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new SnapshotFormatException("expected a JSON object with \"partition\", \"offset\" and stations");
        }
        int partition = (int) nonNegativeInteger(root, "partition", "");
        long offset = nonNegativeInteger(root, "offset", "");
        SortedMap<String, StationSummary> stations = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = root.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            if (name.equals("partition") || name.equals("offset")) {
                continue;
            }
            if (!Stations.isValid(name)) {
                throw new SnapshotFormatException("unexpected key \"" + name + "\": besides \"partition\" and \"offset\""
                        + " every key is a station name A–Z");
            }
            stations.put(name, station(name, field.getValue()));
        }
        return new PartitionSnapshot(partition, offset, stations);
    }

    private static StationSummary station(String name, JsonNode node) throws SnapshotFormatException {
        String where = "station " + name + ": ";
        if (!node.isObject()) {
            throw new SnapshotFormatException(where + "expected an object with " + STATION_FIELDS);
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!STATION_FIELDS.contains(field)) {
                throw new SnapshotFormatException(where + "unexpected field \"" + field + "\", expected " + STATION_FIELDS);
            }
        }
        double sum = number(node, "sum", where);
        long count = nonNegativeInteger(node, "count", where);
        double avg = number(node, "avg", where);
        LocalDate start = date(node, "start", where);
        LocalDate end = date(node, "end", where);
        if (count < 1) {
            throw new SnapshotFormatException(where + "count must be at least 1, got " + count);
        }
        if (end.isBefore(start)) {
            throw new SnapshotFormatException(where + "end " + end + " is before start " + start);
        }
        if (Math.abs(avg - sum / count) > AVG_TOLERANCE * Math.max(1, Math.abs(avg))) {
            throw new SnapshotFormatException(where + "avg " + avg + " is not sum/count (" + sum / count + ")");
        }
        return new StationSummary(sum, count, start, end);
    }

    private static long nonNegativeInteger(JsonNode parent, String field, String where) throws SnapshotFormatException {
        JsonNode node = parent.get(field);
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < 0
                || (field.equals("partition") && !node.canConvertToInt())) {
            throw new SnapshotFormatException(where + "\"" + field + "\" must be a whole number ≥ 0, got "
                    + (node == null ? "nothing" : node.toString()));
        }
        return node.asLong();
    }

    private static double number(JsonNode parent, String field, String where) throws SnapshotFormatException {
        JsonNode node = parent.get(field);
        if (node == null || !node.isNumber() || !Double.isFinite(node.asDouble())) {
            throw new SnapshotFormatException(where + "\"" + field + "\" must be a number, got "
                    + (node == null ? "nothing" : node.toString()));
        }
        return node.asDouble();
    }

    private static LocalDate date(JsonNode parent, String field, String where) throws SnapshotFormatException {
        JsonNode node = parent.get(field);
        if (node == null || !node.isTextual() || node.textValue().length() != 10) {
            throw new SnapshotFormatException(where + "\"" + field + "\" must be a \"YYYY-MM-DD\" date, got "
                    + (node == null ? "nothing" : node.toString()));
        }
        try {
            return LocalDate.parse(node.textValue(), DateTimeFormatter.ISO_LOCAL_DATE);
        } catch (DateTimeParseException e) {
            throw new SnapshotFormatException(where + "\"" + field + "\" must be a \"YYYY-MM-DD\" date, got " + node, e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PartitionSnapshot that && partition == that.partition && offset == that.offset
                && stations.equals(that.stations);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * partition + Long.hashCode(offset)) + stations.hashCode();
    }

    @Override
    public String toString() {
        return toJson();
    }
}
