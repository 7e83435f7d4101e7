package io.streamlab.cluster.services;

import io.streamlab.cluster.ClusterSettings;
import io.streamlab.cluster.ClusterState;
import io.streamlab.cluster.Service;
import io.streamlab.cluster.readiness.Readiness;
import io.streamlab.cluster.readiness.SparkMasterReadiness;
import java.util.List;
import java.util.Map;

/** The Spark standalone master, from the same Spark jars the notebooks use. */
public final class SparkMasterService implements ServiceDefinition {

    private final ClusterSettings settings;
    private final SparkHome sparkHome;

    public SparkMasterService(ClusterSettings settings, ClusterState state) {
        this.settings = settings;
        this.sparkHome = new SparkHome(settings, state);
    }

    @Override
    public Service service() {
        return Service.SPARK_MASTER;
    }

    @Override
    public void prepare() {
        sparkHome.build();
    }

    @Override
    public List<String> command() {
        return sparkHome.jvm(JvmCommand.service(settings.java(), Service.SPARK_MASTER,
                settings.heap(Service.SPARK_MASTER)))
                .main(Service.SPARK_MASTER.mainClass(),
                        "--host", settings.sparkMasterHost(),
                        "--port", Integer.toString(settings.sparkMasterPort()),
                        "--webui-port", Integer.toString(settings.sparkMasterUiPort()));
    }

    @Override
    public Map<String, String> environment() {
        return sparkHome.environment();
    }

    @Override
    public Readiness readiness() {
        return SparkMasterReadiness.masterAlive(settings.sparkMasterWebUrl());
    }
}
