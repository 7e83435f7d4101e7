package io.streamlab.kernel.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spencerpark.jupyter.messages.Header;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.MessageContext;
import io.github.spencerpark.jupyter.messages.MessageType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OutputRouterTest {
    @Test
    void aFailedSendIsLoggedOncePerKindAndLaterOutputStillLeaves() {
        ByteArrayOutputStream kernelLog = new ByteArrayOutputStream();
        PrintStream jvmErr = System.err;
        OutputRouter router;
        System.setErr(new PrintStream(kernelLog, true, StandardCharsets.UTF_8));
        try {
            router = new OutputRouter(new CellOwnership()); // keeps the stderr it sees as the kernel log
        } finally {
            System.setErr(jvmErr);
        }
        List<Message<?>> sent = new ArrayList<>();
        AtomicInteger failuresLeft = new AtomicInteger(3);
        router.connect(message -> {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("socket closed");
            }
            sent.add(message);
        });
        Header<?> header = new Header<>(MessageType.EXECUTE_REQUEST);
        router.enterCell(new CellContext(new MessageContext() {
            @Override
            public List<byte[]> getIdentities() {
                return List.of();
            }

            @Override
            public Header getHeader() {
                return header;
            }
        }, false));

        for (int i = 0; i < 3; i++) {
            router.out().print("lost " + i);
            router.flush();
        }
        router.out().print("kept");
        router.flush();

        String log = kernelLog.toString(StandardCharsets.UTF_8);
        assertEquals(1, log.split("output lost", -1).length - 1, log);
        assertTrue(log.contains("java.lang.IllegalStateException sending stream: socket closed"), log);
        assertEquals(3L, router.lostMessages().get("java.lang.IllegalStateException sending stream"));
        assertEquals(1, sent.size());
    }
}
