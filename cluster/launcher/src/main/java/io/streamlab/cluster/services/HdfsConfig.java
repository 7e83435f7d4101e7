package io.streamlab.cluster.services;

import io.streamlab.cluster.ClusterSettings;
import io.streamlab.cluster.ClusterState;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The configuration directory the NameNode and the DataNode share (first on their classpath). */
final class HdfsConfig {

    private final ClusterSettings settings;
    private final Path conf;
    private final Path data;
    private final Path logs;

    HdfsConfig(ClusterSettings settings, ClusterState state) {
        this.settings = settings;
        this.conf = state.confDir("hdfs");
        this.data = state.dataDir("hdfs");
        this.logs = state.logsDir();
    }

    Path confDir() {
        return conf;
    }

    Path nameDir() {
        return data.resolve("name");
    }

    void write() {
        Map<String, String> core = new LinkedHashMap<>();
        core.put("fs.defaultFS", settings.hdfsUrl());
        core.put("hadoop.tmp.dir", data.resolve("tmp").toString());
        ConfigFiles.write(conf.resolve("core-site.xml"), ConfigFiles.hadoopXml(core));

        String bind = settings.bindHost();
        Map<String, String> hdfs = new LinkedHashMap<>();
        hdfs.put("dfs.namenode.name.dir", nameDir().toUri().toString());
        hdfs.put("dfs.datanode.data.dir", data.resolve("data").toUri().toString());
        // One DataNode: a block can only have one replica, and a lab needs no permission model.
        hdfs.put("dfs.replication", "1");
        hdfs.put("dfs.permissions.enabled", "false");
        // Leave safe mode as soon as the blocks are reported, not 30 s later.
        hdfs.put("dfs.namenode.safemode.extension", "0");
        hdfs.put("dfs.namenode.rpc-address", settings.namenodeHost() + ":" + settings.hdfsPort());
        hdfs.put("dfs.namenode.rpc-bind-host", bind);
        hdfs.put("dfs.namenode.http-address", settings.namenodeHost() + ":" + settings.hdfsHttpPort());
        hdfs.put("dfs.namenode.http-bind-host", bind);
        hdfs.put("dfs.namenode.servicerpc-bind-host", bind);
        // No secondary NameNode runs; keep its default port 9868 out of the picture.
        hdfs.put("dfs.namenode.secondary.http-address", "127.0.0.1:0");
        hdfs.put("dfs.datanode.address", bind + ":" + settings.datanodePort());
        hdfs.put("dfs.datanode.http.address", bind + ":" + settings.datanodeHttpPort());
        hdfs.put("dfs.datanode.ipc.address", bind + ":" + settings.datanodeIpcPort());
        // In docker compose the DataNode's address has no reverse DNS entry; do not reject it.
        hdfs.put("dfs.namenode.datanode.registration.ip-hostname-check", "false");
        // Small thread pools: a single-user cluster on a laptop.
        hdfs.put("dfs.namenode.handler.count", "5");
        hdfs.put("dfs.datanode.handler.count", "3");
        ConfigFiles.write(conf.resolve("hdfs-site.xml"), ConfigFiles.hadoopXml(hdfs));

        ConfigFiles.write(conf.resolve("log4j.properties"), Log4jConfig.consoleAtInfo(Map.of(
                // The audit log and per-block messages would be most of the log.
                "org.apache.hadoop.hdfs.server.namenode.FSNamesystem.audit", "WARN",
                "org.apache.hadoop.hdfs.StateChange", "WARN",
                "BlockStateChange", "WARN",
                "org.apache.hadoop.hdfs.server.datanode.DataNode.clienttrace", "WARN",
                "org.apache.hadoop.util.NativeCodeLoader", "ERROR")));
    }

    /** The command of an HDFS daemon or tool, with its log directory. */
    JvmCommand jvm(JvmCommand command) {
        return hadoop(settings, command, conf).option("-Dhadoop.log.dir=" + logs);
    }

    /**
     * Any Hadoop JVM, server or client: Hadoop's Java 17 flags (without them the NameNode's WebHDFS,
     * Jersey on JAXB, answers HTTP 500 NoClassDefFoundError ...reflect.opt.Injector), the
     * configuration directory first on the classpath, then Hadoop's jars.
     */
    static JvmCommand hadoop(ClusterSettings settings, JvmCommand command, Path confDir) {
        return command
                .option("@" + settings.home().resolve("jvm").resolve("hadoop-java17.args"))
                .classpath(confDir.toString(), ConfigFiles.jarsOf(settings.runtimeLib("cluster/hdfs-runtime"), "HDFS"))
                // Hadoop's advice for its daemons: IPv4 only, no surprise ::1 bindings.
                .option("-Djava.net.preferIPv4Stack=true")
                .option("-Dlog4j.configuration=" + confDir.resolve("log4j.properties").toUri());
    }
}
