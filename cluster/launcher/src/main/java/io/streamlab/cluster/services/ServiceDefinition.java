package io.streamlab.cluster.services;

import io.streamlab.cluster.Service;
import io.streamlab.cluster.readiness.Readiness;
import java.util.List;
import java.util.Map;

/** How to run one service: its configuration, one-time setup, command line and readiness check. */
public interface ServiceDefinition {

    Service service();

    /** Writes the configuration and, the first time only, formats the service's storage. */
    void prepare();

    /** The full command line of the service's JVM. */
    List<String> command();

    /** Variables added to the environment the service's JVM inherits. */
    Map<String, String> environment();

    /** A fresh readiness check; the caller closes it. */
    Readiness readiness();
}
