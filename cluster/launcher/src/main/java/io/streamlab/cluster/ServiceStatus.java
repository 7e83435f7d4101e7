package io.streamlab.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/** What status reports about one service. */
public record ServiceStatus(Service service, State state, OptionalLong pid, List<Port> ports, Path log) {

    public enum State {
        STOPPED("stopped"),
        STARTING("running, not ready"),
        READY("running, ready");

        private final String text;

        State(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    public boolean isRunning() {
        return state != State.STOPPED;
    }
}
