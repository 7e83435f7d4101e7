import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Prints what a parquet directory on HDFS holds, read by the plain Hadoop and Parquet clients (no
 * Spark): one line per data file, the Spark schema stored in the last file's footer, then, file by
 * file in the order they were written ({@code rows-of NAME}), every row as {@code row {json}} (dates as days since 1970-01-01, floats as Java prints them).
 * Run as a single-file program: java -cp LIB_CLASSPATH ParquetFooter.java hdfs://HOST:PORT/DIR
 */
public class ParquetFooter {
    public static void main(String[] args) throws Exception {
        Path directory = new Path(args[0]);
        Configuration configuration = new Configuration();
        FileSystem fileSystem = directory.getFileSystem(configuration);
        List<FileStatus> files = new ArrayList<>();
        for (FileStatus status : fileSystem.listStatus(directory)) {
            if (status.getPath().getName().endsWith(".parquet")) {
                files.add(status);
                System.out.println("file " + status.getPath().getName() + " " + status.getLen());
            }
        }
        // In the order the sink committed them, so a reader can take the files a query had read by then.
        files.sort(java.util.Comparator.comparingLong(FileStatus::getModificationTime));
        if (files.isEmpty()) {
            System.out.println("no parquet files in " + directory);
            return;
        }
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromStatus(files.get(files.size() - 1), configuration))) {
            System.out.println("rows " + reader.getRecordCount());
            System.out.println("schema " + reader.getFooter().getFileMetaData().getKeyValueMetaData()
                    .get("org.apache.spark.sql.parquet.row.metadata"));
        }
        for (FileStatus file : files) {
            System.out.println("rows-of " + file.getPath().getName());
            try (ParquetReader<Group> rows = ParquetReader.builder(new GroupReadSupport(), file.getPath())
                    .withConf(configuration).build()) {
                for (Group row = rows.read(); row != null; row = rows.read()) {
                    System.out.println("row " + json(row));
                }
            }
        }
    }

    private static String json(Group row) {
        StringBuilder json = new StringBuilder("{");
        List<Type> fields = row.getType().getFields();
        for (int i = 0; i < fields.size(); i++) {
            json.append(i == 0 ? "" : ", ").append('"').append(fields.get(i).getName()).append("\": ");
            if (row.getFieldRepetitionCount(i) == 0) {
                json.append("null");
                continue;
            }
            PrimitiveType.PrimitiveTypeName type = fields.get(i).asPrimitiveType().getPrimitiveTypeName();
            switch (type) {
                case INT32 -> json.append(row.getInteger(i, 0));
                case INT64 -> json.append(row.getLong(i, 0));
                case FLOAT -> json.append(row.getFloat(i, 0));
                case DOUBLE -> json.append(row.getDouble(i, 0));
                case BINARY -> json.append('"').append(row.getString(i, 0).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
                default -> throw new IllegalArgumentException("unexpected parquet type " + type + " of " + fields.get(i));
            }
        }
        return json.append('}').toString();
    }
}
