"""The fault suite kills services of the one cluster `./streamlab test` runs for every suite. Each
kill goes through `ClusterServices.killed(...)`, which restarts the service with
`./streamlab cluster start` and waits until it is ready again — also when the test fails — so the
tests after this suite find a healthy cluster."""
import contextlib
import os
import pathlib
import signal
import subprocess
import time

import pytest

from streamlab_support import REPO, wait_until
from streamlab_support.kafka_notebook import KafkaNotebookKernel


class ClusterServices:
    """The local cluster as its launcher left it: pid files under $STREAMLAB_STATE/run."""

    def __init__(self):
        self.state = pathlib.Path(os.environ.get("STREAMLAB_STATE", REPO / ".streamlab"))

    def pid(self, service):
        """The service's pid from the launcher's pid file (what `./streamlab cluster status` shows)."""
        pid_file = self.state / "run" / f"{service}.pid"
        assert pid_file.exists(), f"{service} is not running (no {pid_file}) — start the cluster with ./streamlab cluster start"
        return int(pid_file.read_text().strip())

    def kill(self, service):
        """SIGKILL, as a crash (or the OOM killer) would; returns once the process is gone."""
        pid = self.pid(service)
        os.kill(pid, signal.SIGKILL)
        wait_until(lambda: not alive(pid), 30, f"{service} (pid {pid}) to die after SIGKILL")
        return pid

    def start(self, *arguments, timeout_s=180):
        """`./streamlab cluster start` as a user runs it after a crash: starts what is not running and
        waits until the whole cluster is ready. Returns what it printed."""
        result = subprocess.run(["./streamlab", "cluster", "start", *arguments], cwd=REPO, capture_output=True,
                                text=True, timeout=timeout_s)
        assert result.returncode == 0, f"./streamlab cluster start failed:\n{result.stdout}\n{result.stderr}"
        return result.stdout

    @contextlib.contextmanager
    def killed(self, service):
        """Kills the service for the duration of the block, then starts it again (whatever the block did)."""
        pid = self.kill(service)
        try:
            yield pid
        finally:
            self.start()


def alive(pid):
    """True while the pid names a process that is not a zombie (a killed service whose parent, the
    launcher, has exited is reaped by init, but maybe not at once)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.fixture(scope="session")
def cluster():
    services = ClusterServices()
    for service in ("kafka", "namenode", "datanode"):
        assert alive(services.pid(service)), f"{service} is not running — start the cluster with ./streamlab cluster start"
    yield services


def elapsed(since):
    return time.monotonic() - since


@pytest.fixture(scope="module")
def producer(tmp_path_factory):
    """kafka.ipynb's Part 1 in its own kernel, left running as a user leaves it: fresh topics and
    the producer thread, 15 stations every 100 ms."""
    kernel = KafkaNotebookKernel(tmp_path_factory.mktemp("kafka-producer"), STREAMLAB_PRODUCER_PAUSE_MS=100)
    try:
        kernel.run("SETUP", "PRODUCER")
        yield kernel
    finally:
        kernel.close()
