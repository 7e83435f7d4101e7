package io.streamlab.cluster.services;

import io.streamlab.cluster.ClusterSettings;
import io.streamlab.cluster.ClusterState;
import io.streamlab.cluster.Service;
import io.streamlab.cluster.readiness.DataNodeReadiness;
import io.streamlab.cluster.readiness.Readiness;
import java.util.List;
import java.util.Map;

/** The HDFS DataNode. It is ready when it has registered with the NameNode and HDFS accepts writes. */
public final class DataNodeService implements ServiceDefinition {

    private final ClusterSettings settings;
    private final HdfsConfig config;

    public DataNodeService(ClusterSettings settings, ClusterState state) {
        this.settings = settings;
        this.config = new HdfsConfig(settings, state);
    }

    @Override
    public Service service() {
        return Service.DATANODE;
    }

    @Override
    public void prepare() {
        config.write();
    }

    @Override
    public List<String> command() {
        return config.jvm(JvmCommand.service(settings.java(), Service.DATANODE, settings.heap(Service.DATANODE)))
                .main(Service.DATANODE.mainClass());
    }

    @Override
    public Map<String, String> environment() {
        return Map.of();
    }

    @Override
    public Readiness readiness() {
        return new DataNodeReadiness(settings.datanodeWebUrl(), settings.namenodeWebUrl());
    }
}
