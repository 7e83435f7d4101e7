package io.streamlab.kernel;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.channels.ShellChannel;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.publish.PublishStatus;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import org.zeromq.ZMQ;

/**
 * The library's connection, with shell and control channels that look for requests every
 * {@value #POLL_MS} ms instead of every 50 ms. The library's channels poll without blocking and
 * then sleep 50 ms, which adds 25 ms on average to every request (a trivial cell, a completion,
 * an interrupt). Its own shell and control sockets stay unbound and unused.
 */
final class LowLatencyConnection extends JupyterConnection {
    private static final long POLL_MS = 5;

    private final ZMQ.Context channelContext = ZMQ.context(1);
    private final ShellChannel fastShell;
    private final ShellChannel fastControl;
    private final KernelConnectionProperties properties;
    private boolean connected;

    LowLatencyConnection(KernelConnectionProperties properties) throws NoSuchAlgorithmException, InvalidKeyException {
        super(properties);
        this.properties = properties;
        this.fastShell = new ShellChannel(channelContext, properties.createHMACGenerator(), false, this, POLL_MS);
        this.fastControl = new ShellChannel(channelContext, properties.createHMACGenerator(), true, this, POLL_MS);
    }

    @Override
    public void connect() {
        if (connected) {
            return;
        }
        heartbeat.bind(properties);
        fastShell.bind(properties);
        fastControl.bind(properties);
        stdin.bind(properties);
        iopub.bind(properties);
        iopub.sendMessage(new Message<>(null, PublishStatus.MESSAGE_TYPE, PublishStatus.STARTING));
        connected = true;
    }

    @Override
    public void close() {
        fastShell.close();
        fastControl.close();
        channelContext.close();
        super.close();
    }

    @Override
    public void waitUntilClose() {
        fastShell.waitUntilClose();
        fastControl.waitUntilClose();
        super.waitUntilClose();
    }
}
