package io.streamlab.cluster.readiness;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DataNodeReadinessTest {

    @Test
    void aDataNodeIsRegisteredOnceABlockPoolActorRuns() {
        assertTrue(DataNodeReadiness.hasRunningActor("[{\"LastHeartbeat\":\"1\",\"ActorState\":\"RUNNING\","
                + "\"NamenodeAddress\":\"localhost:9000\",\"BlockPoolID\":\"BP-1482905313-127.0.0.1-1796143809230\"}]"));
    }

    @Test
    void aDataNodeStillConnectingOrWithoutActorsIsNot() {
        assertFalse(DataNodeReadiness.hasRunningActor("[{\"ActorState\":\"CONNECTING\",\"BlockPoolID\":\"\"}]"));
        assertFalse(DataNodeReadiness.hasRunningActor("[]"));
        assertFalse(DataNodeReadiness.hasRunningActor(""));
        assertFalse(DataNodeReadiness.hasRunningActor("not json"));
    }
}
