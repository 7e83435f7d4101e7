package io.streamlab.cluster.services;

import io.streamlab.cluster.ClusterSettings;
import io.streamlab.cluster.ClusterState;
import io.streamlab.cluster.Service;
import io.streamlab.cluster.readiness.Readiness;
import io.streamlab.cluster.readiness.SparkMasterReadiness;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A Spark standalone worker with bounded cores and memory for its executors. */
public final class SparkWorkerService implements ServiceDefinition {

    private final ClusterSettings settings;
    private final SparkHome sparkHome;
    private final Path workDir;

    public SparkWorkerService(ClusterSettings settings, ClusterState state) {
        this.settings = settings;
        this.sparkHome = new SparkHome(settings, state);
        this.workDir = state.dataDir("spark-work");
    }

    @Override
    public Service service() {
        return Service.SPARK_WORKER;
    }

    @Override
    public void prepare() {
        sparkHome.build();
    }

    @Override
    public List<String> command() {
        return sparkHome.jvm(JvmCommand.service(settings.java(), Service.SPARK_WORKER,
                settings.heap(Service.SPARK_WORKER)))
                .main(Service.SPARK_WORKER.mainClass(),
                        "--host", settings.sparkWorkerHost(),
                        "--port", Integer.toString(settings.sparkWorkerPort()),
                        "--webui-port", Integer.toString(settings.sparkWorkerUiPort()),
                        "--cores", Integer.toString(settings.sparkWorkerCores()),
                        "--memory", settings.sparkWorkerMemory(),
                        "--work-dir", workDir.toString(),
                        settings.sparkMasterUrl());
    }

    @Override
    public Map<String, String> environment() {
        return sparkHome.environment();
    }

    @Override
    public Readiness readiness() {
        return SparkMasterReadiness.workerAlive(settings.sparkMasterWebUrl());
    }
}
