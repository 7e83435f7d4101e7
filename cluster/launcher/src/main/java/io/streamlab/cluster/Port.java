package io.streamlab.cluster;

/** A port a service listens on, with what it is for and the variable that moves it. */
public record Port(int number, String purpose, String variable) {
    @Override
    public String toString() {
        return Integer.toString(number);
    }
}
