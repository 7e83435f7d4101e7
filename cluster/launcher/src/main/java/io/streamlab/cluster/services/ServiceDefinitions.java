package io.streamlab.cluster.services;

import io.streamlab.cluster.ClusterSettings;
import io.streamlab.cluster.ClusterState;
import io.streamlab.cluster.Service;

/** The definition of each service for one cluster's settings and state directory. */
public final class ServiceDefinitions {

    private ServiceDefinitions() {
    }

    public static ServiceDefinition of(Service service, ClusterSettings settings, ClusterState state) {
        return switch (service) {
            case KAFKA -> new KafkaBroker(settings, state);
            case NAMENODE -> new NameNodeService(settings, state);
            case DATANODE -> new DataNodeService(settings, state);
            case SPARK_MASTER -> new SparkMasterService(settings, state);
            case SPARK_WORKER -> new SparkWorkerService(settings, state);
        };
    }
}
