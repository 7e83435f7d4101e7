package io.streamlab.cluster.services;

import io.streamlab.cluster.ClusterSettings;
import io.streamlab.cluster.ClusterState;
import io.streamlab.cluster.Service;
import io.streamlab.cluster.readiness.NameNodeReadiness;
import io.streamlab.cluster.readiness.Readiness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The HDFS NameNode; its storage is formatted once, on the first start. */
public final class NameNodeService implements ServiceDefinition {

    private final ClusterSettings settings;
    private final HdfsConfig config;
    private final Path log;

    public NameNodeService(ClusterSettings settings, ClusterState state) {
        this.settings = settings;
        this.config = new HdfsConfig(settings, state);
        this.log = state.logFile(Service.NAMENODE);
    }

    @Override
    public Service service() {
        return Service.NAMENODE;
    }

    @Override
    public void prepare() {
        config.write();
        if (!Files.exists(config.nameDir().resolve("current").resolve("VERSION"))) {
            ToolRun.run("Formatting the NameNode's storage in " + config.nameDir(),
                    config.jvm(JvmCommand.tool(settings.java()))
                            .main(Service.NAMENODE.mainClass(), "-format", "-nonInteractive"),
                    log);
        }
    }

    @Override
    public List<String> command() {
        return config.jvm(JvmCommand.service(settings.java(), Service.NAMENODE, settings.heap(Service.NAMENODE)))
                .main(Service.NAMENODE.mainClass());
    }

    @Override
    public Map<String, String> environment() {
        return Map.of();
    }

    @Override
    public Readiness readiness() {
        return NameNodeReadiness.nameNodeUp(settings.namenodeWebUrl());
    }
}
