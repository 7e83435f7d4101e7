package io.streamlab.kernel.output;

import io.github.spencerpark.jupyter.messages.Message;

/** Where finished messages go: the IOPub socket once connected. */
@FunctionalInterface
public interface IOPubSink {
    void send(Message<?> message);
}
