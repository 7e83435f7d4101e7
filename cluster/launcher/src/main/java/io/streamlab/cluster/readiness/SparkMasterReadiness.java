package io.streamlab.cluster.readiness;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.stream.StreamSupport;

/** Asks the Spark master's web UI (/json): the master is ALIVE, and for a worker, one is ALIVE too. */
public final class SparkMasterReadiness implements Readiness {

    private final String webUrl;
    private final boolean needsWorker;
    private final JsonProbe probe = new JsonProbe();

    private SparkMasterReadiness(String webUrl, boolean needsWorker) {
        this.webUrl = webUrl;
        this.needsWorker = needsWorker;
    }

    public static SparkMasterReadiness masterAlive(String webUrl) {
        return new SparkMasterReadiness(webUrl, false);
    }

    public static SparkMasterReadiness workerAlive(String webUrl) {
        return new SparkMasterReadiness(webUrl, true);
    }

    @Override
    public boolean isReady() {
        Optional<JsonNode> master = probe.fetch(webUrl + "/json")
                .filter(json -> "ALIVE".equals(json.path("status").asText()));
        if (master.isEmpty()) {
            return false;
        }
        return !needsWorker || StreamSupport.stream(master.get().path("workers").spliterator(), false)
                .anyMatch(worker -> "ALIVE".equals(worker.path("state").asText()));
    }

    @Override
    public String condition() {
        return needsWorker
                ? "the Spark master at " + webUrl + " to list an ALIVE worker"
                : "the Spark master at " + webUrl + " to report status ALIVE";
    }
}
