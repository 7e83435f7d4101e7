"""Output of background threads, and Kernel > Interrupt."""
import textwrap
import time

INTERRUPT_LIMIT_S = 2.0


def stream_with(text):
    return lambda m: m["msg_type"] == "stream" and text in m["content"]["text"]


def test_thread_output_after_its_cell_finished_goes_to_that_cell(kernel):
    starter = kernel.ok(textwrap.dedent("""\
        CountDownLatch go = new CountDownLatch(1);
        Thread late = new Thread(() -> {
            try { go.await(); } catch (InterruptedException e) { return; }
            System.out.println("late line from the background");
        });
        late.start();"""))
    # Another cell runs (and finishes) in between; the thread's line still belongs to the first cell.
    other = kernel.ok("go.countDown();")
    msg = kernel.wait_for(stream_with("late line from the background"), timeout=10)
    assert msg["parent_header"]["msg_id"] == starter.msg_id
    assert msg["parent_header"]["msg_id"] != other.msg_id


def test_threads_of_threads_and_pools_keep_the_owning_cell(kernel):
    starter = kernel.ok(textwrap.dedent("""\
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < 2; i++) {
            int n = i;
            pool.submit(() -> { release.await(); System.out.println("pool task " + n); return n; });
        }"""))
    kernel.ok("release.countDown();")
    for n in range(2):
        msg = kernel.wait_for(stream_with(f"pool task {n}"), timeout=10)
        assert msg["parent_header"]["msg_id"] == starter.msg_id
    kernel.ok("pool.shutdown();")


def test_thread_output_while_its_cell_runs_is_in_that_cell(kernel):
    r = kernel.ok(textwrap.dedent("""\
        Thread t = new Thread(() -> System.out.println("from a helper thread"));
        t.start(); t.join();"""))
    assert "from a helper thread" in r.stream()


def test_parallel_stream_output_goes_to_the_running_cell(kernel):
    kernel.ok("IntStream.range(0, 64).parallel().map(i -> i * 2).sum()")  # creates common-pool workers
    r = kernel.ok(textwrap.dedent("""\
        IntStream.range(0, 64).parallel()
            .forEach(i -> { if (i % 16 == 0) System.out.println("parallel " + i); });"""))
    assert sorted(r.stream().split()) == sorted("parallel 0 parallel 16 parallel 32 parallel 48".split())


def interrupt_and_time(kernel, code, setup=None):
    if setup:
        kernel.ok(setup)
    msg_id = kernel.kc.execute(code)
    # Wait until the cell really runs (its busy status), then give it a moment to block.
    kernel.wait_for(lambda m: m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "status"
                    and m["content"]["execution_state"] == "busy", timeout=30)
    kernel.wait_for(lambda m: m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "stream"
                    and "started" in m["content"]["text"], timeout=30)
    t0 = time.monotonic()
    kernel.km.interrupt_kernel()
    reply = kernel.shell_reply(msg_id, time.monotonic() + 30)
    elapsed = time.monotonic() - t0
    return reply, elapsed


def assert_usable(kernel):
    assert kernel.ok("6 * 7").text == "42"


def test_interrupt_sleep(kernel):
    reply, elapsed = interrupt_and_time(kernel, 'System.out.println("started"); Thread.sleep(60_000);')
    assert reply["content"]["status"] == "error"
    assert elapsed < INTERRUPT_LIMIT_S, f"interrupt took {elapsed:.2f} s"
    assert_usable(kernel)


def test_interrupt_join_keeps_the_background_thread_alive(kernel):
    kernel.ok(textwrap.dedent("""\
        CountDownLatch stopWorker = new CountDownLatch(1);
        Thread worker = new Thread(() -> {
            try { stopWorker.await(); } catch (InterruptedException e) { }
        });
        worker.start();"""))
    reply, elapsed = interrupt_and_time(kernel, 'System.out.println("started"); worker.join();')
    assert reply["content"]["status"] == "error"
    assert elapsed < INTERRUPT_LIMIT_S, f"interrupt took {elapsed:.2f} s"
    assert kernel.ok("worker.isAlive()").text == "true"
    kernel.ok("stopWorker.countDown(); worker.join(5000);")
    assert kernel.ok("worker.isAlive()").text == "false"


def test_interrupt_busy_loop_keeps_state_and_threads(kernel):
    kernel.ok(textwrap.dedent("""\
        int kept = 41;
        AtomicBoolean stopTicker = new java.util.concurrent.atomic.AtomicBoolean();
        Thread ticker = new Thread(() -> { while (!stopTicker.get()) Thread.onSpinWait(); });
        ticker.start();""").replace("AtomicBoolean stopTicker", "java.util.concurrent.atomic.AtomicBoolean stopTicker"))
    reply, elapsed = interrupt_and_time(
        kernel, 'System.out.println("started"); long spins = 0; while (true) { spins++; }')
    assert reply["content"]["status"] == "error"
    assert elapsed < INTERRUPT_LIMIT_S, f"interrupt took {elapsed:.2f} s"
    assert kernel.ok("kept + 1").text == "42"
    assert kernel.ok("ticker.isAlive()").text == "true"
    kernel.ok("stopTicker.set(true); ticker.join(5000);")


def test_interrupt_a_loop_that_swallows_interrupts(kernel):
    reply, elapsed = interrupt_and_time(kernel, textwrap.dedent("""\
        System.out.println("started");
        while (true) {
            try { Thread.sleep(50); } catch (InterruptedException ignored) { }
        }"""))
    assert reply["content"]["status"] == "error"
    assert elapsed < INTERRUPT_LIMIT_S, f"interrupt took {elapsed:.2f} s"
    assert_usable(kernel)


def test_interrupt_await_termination(kernel):
    kernel.ok("ExecutorService slow = Executors.newSingleThreadExecutor();\n"
              "slow.submit(() -> { Thread.sleep(3_000); return 1; });")
    reply, elapsed = interrupt_and_time(
        kernel, 'System.out.println("started"); slow.awaitTermination(1, TimeUnit.HOURS);')
    assert reply["content"]["status"] == "error"
    assert elapsed < INTERRUPT_LIMIT_S
    assert_usable(kernel)
    kernel.ok("slow.shutdownNow();")


def test_interrupted_cell_reports_an_interrupt_error(kernel):
    msg_id = kernel.kc.execute('System.out.println("started"); Thread.sleep(60_000);')
    kernel.wait_for(lambda m: m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "stream"
                    and "started" in m["content"]["text"], timeout=30)
    kernel.km.interrupt_kernel()
    err = kernel.wait_for(lambda m: m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "error",
                          timeout=10)
    assert err["content"]["ename"] == "CellInterruptedException"
    kernel.shell_reply(msg_id, time.monotonic() + 10)


def test_interrupt_while_many_snippets_compile_leaves_the_compiler_working(kernel):
    # Most of this cell's time is JShell compiling: the interrupt waits for a snippet's own code,
    # the cell ends at the next snippet, and compiling against jars still works afterwards.
    code = 'System.out.println("started");\n' + "\n".join(f"int v{i} = {i};" for i in range(400))
    reply, elapsed = interrupt_and_time(kernel, code)
    assert reply["content"]["status"] == "error"
    assert elapsed < INTERRUPT_LIMIT_S, f"interrupt took {elapsed:.2f} s"
    r = kernel.ok("import tech.tablesaw.api.IntColumn;\nIntColumn.create(\"n\", 1, 2).sum()")
    assert r.text == "3.0"


def test_interrupt_when_idle_is_harmless(kernel):
    kernel.km.interrupt_kernel()
    assert_usable(kernel)
