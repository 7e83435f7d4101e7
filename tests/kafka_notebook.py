"""notebooks/kafka.ipynb's own cells, run in a real Java kernel through jupyter_client: the tests
and the benchmark exercise the code a user runs, not a copy of it.

The cells are found by how they start, so the notebook's markdown can change freely:
- SETUP: the imports and the run-length settings;
- PRODUCER: Part 1 up to the tally (recreates the topics, starts the producer thread, waits for acks);
- CONSUMER: Part 2's definitions (settings, load, update, parse, save, consume) and the two-rounds cell
  last — without the cell that deletes old partition files, so a restarted kernel resumes from them;
- CLEAN: that deleting cell.
"""
import os
import pathlib
import signal
import sys
import time

import nbformat

from streamlab_testing import REPO, child_environment, without_solution_markers

sys.path.insert(0, str(REPO / "tests" / "kernel"))
from kernel_session import KernelSession  # noqa: E402

NOTEBOOK = REPO / "notebooks" / "kafka.ipynb"


def code_cells():
    return [cell.source for cell in nbformat.read(NOTEBOOK, as_version=4).cells if cell.cell_type == "code"]


def index_of(cells, prefix):
    matches = [i for i, source in enumerate(cells) if without_solution_markers(source).startswith(prefix)]
    assert len(matches) == 1, f"kafka.ipynb: expected one code cell starting with {prefix!r}, found {len(matches)}"
    return matches[0]


def _groups():
    cells = code_cells()
    setup = index_of(cells, "import io.streamlab.config.Endpoints;")
    formats = index_of(cells, "ObjectMapper json = new ObjectMapper();")
    tally = index_of(cells, "tally.awaitAcknowledged")
    clean = index_of(cells, "for (int partition = 0; partition < 6; partition++) {\n    Files.deleteIfExists")
    consumer_settings = index_of(cells, "Properties consumerSettings")
    rounds = index_of(cells, "Thread consumerThread")
    return dict(
        SETUP=[cells[setup]],
        PRODUCER=cells[setup + 1:tally + 1],
        # the consumers use the formats cell's ObjectMapper
        CONSUMER_DEFINITIONS=[cells[formats]] + cells[consumer_settings:rounds],
        ROUNDS=cells[rounds],
        CLEAN=[cells[clean]],
    )


GROUPS = _groups()


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
        self.session.close()
