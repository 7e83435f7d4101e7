import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * Writes a small parquet file of weather rows to HDFS with the plain Parquet writer (no Spark), so
 * a test has a parquet directory to look at. Run as a single-file program:
 * java -cp LIB_CLASSPATH WriteParquet.java hdfs://HOST:PORT/DIR/part-00000.parquet ROWS
 */
public class WriteParquet {
    public static void main(String[] args) throws Exception {
        MessageType schema = MessageTypeParser.parseMessageType(
                "message weather { required binary station (UTF8); required int32 day; required double degrees; }");
        SimpleGroupFactory rows = new SimpleGroupFactory(schema);
        int count = Integer.parseInt(args[1]);
        try (ParquetWriter<org.apache.parquet.example.data.Group> writer = ExampleParquetWriter.builder(new Path(args[0]))
                .withConf(new Configuration())
                .withType(schema)
                .build()) {
            for (int day = 0; day < count; day++) {
                writer.write(rows.newGroup().append("station", String.valueOf((char) ('A' + day % 15))).append("day", day)
                        .append("degrees", 40.0 + day % 30));
            }
        }
    }
}
