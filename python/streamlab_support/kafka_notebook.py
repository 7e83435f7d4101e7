"""notebooks/kafka.ipynb's own cells, run in a real Java kernel through jupyter_client: the tests
and the benchmark exercise the code a user runs, not a copy of it. The groups of cells (SETUP,
PRODUCER, CONSUMER_DEFINITIONS, ROUNDS, CLEAN) are streamlab_check.kafka_cells', which the checker
uses too.
"""
import os
import pathlib
import signal
import time

from streamlab_check.kafka_cells import groups
from streamlab_support import child_environment
from streamlab_support.kernel_session import KernelSession

GROUPS = groups()
# Settings for consumers that would poll for hours: they end only when stopped or killed.
ENDLESS_CONSUMERS = dict(STREAMLAB_CONSUMER_ITERATIONS=1_000_000, STREAMLAB_POLL_MS=100)


class KafkaNotebookKernel:
    """One Java kernel running kafka.ipynb's cells in `workdir` with the given settings as environment
    variables (e.g. STREAMLAB_PRODUCER_PAUSE_MS=200). Always close() it; kill() is SIGKILL."""

    def __init__(self, workdir, startup_timeout=120, **settings):
        self.workdir = pathlib.Path(workdir)
        self.session = KernelSession(startup_timeout=startup_timeout,
                                     env=child_environment(**settings), cwd=str(self.workdir))

    @property
    def pid(self):
        return self.session.pid

    def run(self, *groups, timeout=180):
        """Executes the cells of the named groups in order; fails with the cell's error."""
        for group in groups:
            cells = GROUPS[group]
            for source in ([cells] if isinstance(cells, str) else cells):
                self.session.ok(source, timeout=timeout)

    def start(self, group):
        """Sends the cell(s) of `group` to the kernel without waiting for them (to kill it mid-run)."""
        cells = GROUPS[group]
        for source in ([cells] if isinstance(cells, str) else cells):
            self.session.kc.execute(source)

    def alive(self):
        return self.session.km.is_alive()

    def poll(self):
        """None while the kernel runs, like subprocess.Popen.poll (tests written for a producer process)."""
        return None if self.alive() else "the kernel ended"

    def restart(self, **settings):
        """Kernel ▸ Restart, as Jupyter does after a kernel died: a new kernel process on the same
        connection, with these settings as its environment; the old one is killed if still alive."""
        self.session.km.restart_kernel(now=True, env=child_environment(**settings))
        self.session.kc.wait_for_ready(timeout=120)

    def kill(self):
        """SIGKILL to the kernel's JVM, as a crash would; returns once it is gone."""
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        deadline = time.monotonic() + 30
        while self.session.km.is_alive():
            assert time.monotonic() < deadline, f"the kernel (pid {self.pid}) did not die within 30 s of SIGKILL"
            time.sleep(0.05)

    def close(self):
        """Shuts the kernel down; a second call does nothing."""
        if self.session is not None:
            session, self.session = self.session, None
            session.close()
