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
 * Spark): every subdirectory ({@code dir PATH}, relative), the number of files each batch of Spark's
 * file sink log lists ({@code sink-batch ID FILES}), one line per data file, the Spark schema stored
 * in the last file's footer, then, file by file in the order they were written ({@code rows-of NAME}),
 * every row as {@code row {json}} (dates as days since 1970-01-01, floats as Java prints them).
 * Run as a single-file program: java -cp LIB_CLASSPATH ParquetFooter.java hdfs://HOST:PORT/DIR [--committed]
 *
 * <p>With {@code --committed}, only the files the streaming file sink's log ({@code DIR/_spark_metadata})
 * names are read — the committed batches, what Spark itself reads — and every other parquet file in
 * the directory (left by a batch that failed) is listed as {@code uncommitted NAME}.
 */
public class ParquetFooter {
    public static void main(String[] args) throws Exception {
        Path directory = new Path(args[0]);
        Configuration configuration = new Configuration();
        FileSystem fileSystem = directory.getFileSystem(configuration);
        if (!fileSystem.exists(directory)) {
            System.out.println("missing " + directory);
            return;
        }
        java.util.Set<String> committed = args.length > 1 && args[1].equals("--committed")
                ? committedFiles(fileSystem, new Path(directory, "_spark_metadata")) : null;
        listDirectories(fileSystem, directory, "");
        Path sinkLog = new Path(directory, "_spark_metadata");
        if (fileSystem.exists(sinkLog)) {
            for (FileStatus batch : fileSystem.listStatus(sinkLog)) {
                String text = new String(fileSystem.open(batch.getPath()).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                // "v1", then one JSON line per file the batch committed
                System.out.println("sink-batch " + batch.getPath().getName() + " " + (text.strip().split("\n").length - 1));
            }
        }
        List<FileStatus> files = new ArrayList<>();
        for (FileStatus status : fileSystem.listStatus(directory)) {
            String name = status.getPath().getName();
            if (!name.endsWith(".parquet")) {
                continue;
            }
            if (committed != null && !committed.contains(name)) {
                System.out.println("uncommitted " + name + " " + status.getLen());
                continue;
            }
            files.add(status);
            System.out.println("file " + name + " " + status.getLen());
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

    private static void listDirectories(FileSystem fileSystem, Path directory, String prefix) throws java.io.IOException {
        for (FileStatus status : fileSystem.listStatus(directory)) {
            if (status.isDirectory()) {
                String relative = prefix + status.getPath().getName();
                System.out.println("dir " + relative);
                listDirectories(fileSystem, status.getPath(), relative + "/");
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

    /**
     * The file names the sink's log holds: each log file (batch N, or N.compact holding all before it)
     * is "v1" and then one JSON line per file with its "path" and "action" (add, or delete).
     */
    private static java.util.Set<String> committedFiles(FileSystem fileSystem, Path log) throws java.io.IOException {
        java.util.regex.Pattern entry = java.util.regex.Pattern.compile("\"path\":\"([^\"]+)\".*\"action\":\"(\\w+)\"");
        List<FileStatus> batches = new ArrayList<>(List.of(fileSystem.listStatus(log,
                path -> path.getName().matches("\\d+(\\.compact)?"))));
        batches.sort(java.util.Comparator.comparingLong(status -> Long.parseLong(status.getPath().getName().split("\\.")[0])));
        java.util.Set<String> files = new java.util.HashSet<>();
        for (FileStatus batch : batches) {
            try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(fileSystem.open(batch.getPath()),
                    java.nio.charset.StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    java.util.regex.Matcher found = entry.matcher(line);
                    if (found.find()) {
                        String name = new Path(java.net.URI.create(found.group(1))).getName();
                        if (found.group(2).equals("delete")) {
                            files.remove(name);
                        } else {
                            files.add(name);
                        }
                    }
                }
            }
        }
        return files;
    }
}
