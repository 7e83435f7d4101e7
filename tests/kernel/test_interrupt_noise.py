"""The `ERROR TorrentBroadcast: Store broadcast broadcast_N fail, remove all pieces of the broadcast`
line: an interrupt of the thread that writes a broadcast produces it (TorrentBroadcast.writeBlocks
logs it for any Throwable, then rethrows). Kernel ▸ Interrupt of a cell that broadcasts must not
print it: the cell's own error already says it was interrupted."""
import textwrap
import time

from test_spark_local import SESSION

BROADCASTER = "var jsc = org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext());"


def errors(messages):
    return [line for m in messages if m["msg_type"] == "stream" for line in m["content"]["text"].splitlines() if "ERROR" in line]


def test_an_interrupted_broadcast_logs_the_error_and_kernel_interrupt_hides_it(kernel):
    kernel.ok(SESSION, timeout=180)
    kernel.ok(BROADCASTER)
    # The mechanism: a broadcast written by an interrupted thread (here the cell interrupts itself,
    # which is not Kernel ▸ Interrupt, so nothing is filtered) logs exactly the line.
    r = kernel.ok(textwrap.dedent("""\
        // The ask to the block manager master throws only if it has to wait for the answer, so try a few times.
        String outcome = "stored";
        for (int i = 0; i < 500 && outcome.equals("stored"); i++) {
            Thread.currentThread().interrupt();
            try { jsc.broadcast(new byte[]{1, 2, 3}).destroy(); } catch (Throwable t) { outcome = t.getClass().getName(); }
            Thread.interrupted();
        }
        outcome"""), timeout=120)
    assert r.text == "java.lang.InterruptedException", r.text
    time.sleep(0.5)  # not synchronisation: lets the flusher send the log line before we read it
    logged = [line for _, m in kernel.seen if m["msg_type"] == "stream" for line in m["content"]["text"].splitlines()]
    assert any("ERROR TorrentBroadcast: Store broadcast broadcast_" in l and "fail, remove all pieces" in l for l in logged), logged

    # Kernel ▸ Interrupt of a cell that keeps broadcasting: the cell errors, no ERROR line.
    msg_id = kernel.kc.execute(textwrap.dedent("""\
        System.out.println("broadcasting");
        while (true) jsc.broadcast(new byte[64 * 1024]).destroy();"""))
    kernel.wait_for(lambda m: m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "stream"
                    and "broadcasting" in m["content"]["text"], timeout=60)
    time.sleep(1)  # not synchronisation: lets the loop run a while before the interrupt
    kernel.km.interrupt_kernel()
    reply = kernel.shell_reply(msg_id, time.monotonic() + 30)
    assert reply["content"]["status"] == "error"
    after = kernel.ok("1 + 1")
    assert after.text == "2"
    interrupted_cell = [m for _, m in kernel.seen if m["parent_header"].get("msg_id") == msg_id]
    assert not errors(interrupted_cell), errors(interrupted_cell)
    kernel.ok("spark.stop();", timeout=60)
