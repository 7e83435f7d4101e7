package io.streamlab.cluster.readiness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The DataNode is ready when it says itself that it is registered with its NameNode (its JMX lists a
 * block pool actor in state RUNNING) and the NameNode accepts writes. The NameNode's word alone is
 * not enough after a crash: it counts a killed DataNode live for ten minutes, until its heartbeats
 * are missed, so a restarted DataNode would look ready before it has registered.
 */
public final class DataNodeReadiness implements Readiness {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String dataNodeWebUrl;
    private final NameNodeReadiness hdfsWritable;
    private final JsonProbe probe = new JsonProbe();

    public DataNodeReadiness(String dataNodeWebUrl, String nameNodeWebUrl) {
        this.dataNodeWebUrl = dataNodeWebUrl;
        this.hdfsWritable = NameNodeReadiness.writable(nameNodeWebUrl);
    }

    @Override
    public boolean isReady() {
        return registered() && hdfsWritable.isReady();
    }

    private boolean registered() {
        return probe.fetch(dataNodeWebUrl + "/jmx?qry=Hadoop:service=DataNode,name=DataNodeInfo")
                .map(document -> document.path("beans").path(0).path("BPServiceActorInfo").asText(""))
                .map(DataNodeReadiness::hasRunningActor)
                .orElse(false);
    }

    /** BPServiceActorInfo is JSON in a string: [{"ActorState":"RUNNING","BlockPoolID":"BP-…",…}]. */
    static boolean hasRunningActor(String actors) {
        try {
            for (JsonNode actor : JSON.readTree(actors.isEmpty() ? "[]" : actors)) {
                if ("RUNNING".equals(actor.path("ActorState").asText()) && !actor.path("BlockPoolID").asText("").isEmpty()) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public String condition() {
        return "the DataNode at " + dataNodeWebUrl + " to register with its NameNode, and " + hdfsWritable.condition();
    }
}
