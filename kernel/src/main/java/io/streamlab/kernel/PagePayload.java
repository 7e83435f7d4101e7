package io.streamlab.kernel;

import java.util.Map;

/** The execute_reply payload that opens the front end's pager (Jupyter's {@code "source": "page"}). */
final class PagePayload {
    private PagePayload() {
    }

    static Map<String, Object> of(String text) {
        return Map.of("source", "page", "data", Map.of("text/plain", text), "start", 0);
    }
}
