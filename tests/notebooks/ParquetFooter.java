import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * Prints what a parquet directory on HDFS holds, read by the plain Hadoop and Parquet clients (no
 * Spark): one line per data file, then the Spark schema stored in the last file's footer.
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
        if (files.isEmpty()) {
            System.out.println("no parquet files in " + directory);
            return;
        }
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromStatus(files.get(files.size() - 1), configuration))) {
            System.out.println("rows " + reader.getRecordCount());
            System.out.println("schema " + reader.getFooter().getFileMetaData().getKeyValueMetaData()
                    .get("org.apache.spark.sql.parquet.row.metadata"));
        }
    }
}
