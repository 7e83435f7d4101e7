package io.streamlab.labs.social;

import java.io.Serializable;

/**
 * One rejected payload as the stream reports it: the reason, how many payloads were rejected for
 * that reason so far (this one included), and the payload itself. A Java bean for Spark's encoder.
 */
public class BadInput implements Serializable {

    private static final long serialVersionUID = 1L;

    private String reason;
    private long countSoFar;
    private String payload;

    /** For Spark's bean encoder. */
    public BadInput() {
    }

    public BadInput(String reason, long countSoFar, String payload) {
        this.reason = reason;
        this.countSoFar = countSoFar;
        this.payload = payload;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public long getCountSoFar() {
        return countSoFar;
    }

    public void setCountSoFar(long countSoFar) {
        this.countSoFar = countSoFar;
    }

    public String getPayload() {
        return payload;
    }

    public void setPayload(String payload) {
        this.payload = payload;
    }

    @Override
    public String toString() {
        return reason + " #" + countSoFar + ": " + payload;
    }
}
