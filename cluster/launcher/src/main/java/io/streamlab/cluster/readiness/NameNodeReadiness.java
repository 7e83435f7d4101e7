package io.streamlab.cluster.readiness;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Asks the NameNode's JMX servlet for FSNamesystemState. The NameNode alone is up when it answers;
 * HDFS is usable when it is out of safe mode (FSState Operational) with a live DataNode that has
 * reported free space, since before that a write fails with "could only be written to 0 nodes".
 */
public final class NameNodeReadiness implements Readiness {

    private final String webUrl;
    private final boolean needsDataNode;
    private final JsonProbe probe = new JsonProbe();

    private NameNodeReadiness(String webUrl, boolean needsDataNode) {
        this.webUrl = webUrl;
        this.needsDataNode = needsDataNode;
    }

    /** The NameNode process serves requests (its DataNodes may not have reported yet). */
    public static NameNodeReadiness nameNodeUp(String webUrl) {
        return new NameNodeReadiness(webUrl, false);
    }

    /** HDFS accepts writes: Operational, with a live DataNode. */
    public static NameNodeReadiness writable(String webUrl) {
        return new NameNodeReadiness(webUrl, true);
    }

    @Override
    public boolean isReady() {
        Optional<JsonNode> state = probe.fetch(webUrl + "/jmx?qry=Hadoop:service=NameNode,name=FSNamesystemState")
                .map(document -> document.path("beans").path(0))
                .filter(bean -> bean.has("FSState"));
        if (state.isEmpty()) {
            return false;
        }
        if (!needsDataNode) {
            return true;
        }
        JsonNode bean = state.get();
        return "Operational".equals(bean.path("FSState").asText())
                && bean.path("NumLiveDataNodes").asInt() >= 1
                && bean.path("CapacityRemaining").asLong() > 0;
    }

    @Override
    public String condition() {
        return needsDataNode
                ? "the NameNode at " + webUrl + " to report FSState Operational with a live DataNode"
                : "the NameNode at " + webUrl + " to answer on JMX";
    }
}
