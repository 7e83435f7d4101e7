import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.LocalDate;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.Type;

/**
 * Reads a table of the lakehouse with the plain Hadoop and Parquet clients (no Spark), so the checker
 * sees what the notebook wrote, not what Spark reads back. For each table, prints "table URI" and
 * then one JSON object per row ("missing URI" when the directory does not exist); columns of a
 * partitioned table ("date=2024-12-16" directories) come from the directory names, dates as
 * "2024-12-16", timestamps as microseconds since the epoch. Or says which paths exist ("exists URI"),
 * or deletes the lake after a check.
 * Run as a single-file program, one JVM for all three: java -cp LIB_CLASSPATH LakeTable.java
 * [rows] URI... [exists URI...] [delete URI...]
 */
public class LakeTable {
    private static final long JULIAN_DAY_OF_EPOCH = 2_440_588L;
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    public static void main(String[] args) throws Exception {
        Configuration configuration = new Configuration();
        String command = "rows";
        for (String table : args) {
            if (List.of("rows", "exists", "delete").contains(table)) {
                command = table; // the URIs that follow are read, looked for or deleted
                continue;
            }
            Path directory = new Path(table);
            FileSystem fileSystem = directory.getFileSystem(configuration);
            if (command.equals("delete")) {
                fileSystem.delete(directory, true);
            } else if (command.equals("exists")) {
                if (fileSystem.exists(directory)) System.out.println("exists " + table);
            } else if (!fileSystem.exists(directory)) {
                System.out.println("missing " + table);
            } else {
                System.out.println("table " + table);
                printRows(fileSystem, directory, configuration);
            }
        }
    }

    private static void printRows(FileSystem fileSystem, Path directory, Configuration configuration) throws Exception {
        ObjectMapper json = new ObjectMapper();
        RemoteIterator<LocatedFileStatus> files = fileSystem.listFiles(directory, true);
        while (files.hasNext()) {
            Path file = files.next().getPath();
            String relative = directory.toUri().relativize(file.toUri()).getPath();
            if (!file.getName().endsWith(".parquet") || hidden(relative)) {
                continue; // _SUCCESS, .crc files, uncommitted _temporary output
            }
            try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), file).withConf(configuration).build()) {
                for (Group row = reader.read(); row != null; row = reader.read()) {
                    ObjectNode out = json.createObjectNode();
                    for (String segment : relative.split("/")) {
                        int equals = segment.indexOf('=');
                        if (equals > 0) {
                            out.put(segment.substring(0, equals), segment.substring(equals + 1));
                        }
                    }
                    for (int field = 0; field < row.getType().getFieldCount(); field++) {
                        put(out, row, field);
                    }
                    System.out.println(json.writeValueAsString(out));
                }
            }
        }
    }

    private static boolean hidden(String relative) {
        for (String segment : relative.split("/")) {
            if (segment.startsWith("_") || segment.startsWith(".")) return true;
        }
        return false;
    }

    private static void put(ObjectNode out, Group row, int field) {
        Type type = row.getType().getType(field);
        String name = type.getName();
        if (row.getFieldRepetitionCount(field) == 0) {
            out.putNull(name);
            return;
        }
        switch (type.asPrimitiveType().getPrimitiveTypeName()) {
            case INT32 -> {
                if (type.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
                    out.put(name, LocalDate.ofEpochDay(row.getInteger(field, 0)).toString());
                } else {
                    out.put(name, row.getInteger(field, 0));
                }
            }
            case INT64 -> out.put(name, row.getLong(field, 0));
            case BINARY -> out.put(name, row.getString(field, 0));
            case INT96 -> {
                // Spark's default timestamp encoding: nanoseconds of the day, then the Julian day.
                ByteBuffer bytes = ByteBuffer.wrap(row.getInt96(field, 0).getBytes()).order(ByteOrder.LITTLE_ENDIAN);
                long nanosOfDay = bytes.getLong();
                long julianDay = bytes.getInt();
                out.put(name, (julianDay - JULIAN_DAY_OF_EPOCH) * MICROS_PER_DAY + nanosOfDay / 1000);
            }
            default -> throw new IllegalStateException("column " + name + " has type " + type + ", not read by this test");
        }
    }
}
