"""The Docker engine the docker lane talks to: one that already runs, or a dockerd this run starts
as root and stops afterwards (only that one, by its pid)."""
import os
import shutil
import signal
import subprocess
import sys

from streamlab_support import wait_until

TOOLS = ["dockerd", "docker", "docker-compose", "mmdebstrap"]


def docker(*arguments, timeout=120, check=True):
    """Runs the docker client; returns its completed process (output as text). Unchecked, a command
    that outlives its timeout counts as failed."""
    try:
        result = subprocess.run(["docker", *arguments], capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as expired:
        if check:
            raise
        return subprocess.CompletedProcess(expired.cmd, 124, "", f"timed out after {timeout} s")
    if check:
        assert result.returncode == 0, f"docker {' '.join(arguments)} failed:\n{result.stderr[-3000:]}"
    return result


def engine_answers():
    try:
        return subprocess.run(["docker", "info"], capture_output=True, timeout=20).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


class EngineUnavailable(Exception):
    """No Docker engine can run here; the message says why (the lane is skipped with it)."""


class DockerEngine:
    def __init__(self, workdir):
        self.log = workdir / "dockerd.log"
        self.started = None

    def start_if_needed(self):
        """Uses the running engine, or starts dockerd and waits until it answers. Raises
        EngineUnavailable where none can run (not Linux, not root, no kernel support)."""
        if sys.platform != "linux":
            raise EngineUnavailable(f"Docker's engine runs on Linux; this is {sys.platform}")
        if shutil.which("docker") and engine_answers():
            return self
        if os.geteuid() != 0:
            raise EngineUnavailable("no Docker engine answers and starting dockerd needs root — run ./streamlab test as root")
        missing = [tool for tool in TOOLS if not shutil.which(tool)]
        assert not missing, f"{', '.join(missing)} missing — scripts/install.sh --for-tests installs them"
        with open(self.log, "w") as log:
            # Its own session, so a Ctrl-C meant for pytest does not reach it. Not niced: containers
            # inherit the daemon's niceness, and a starved broker missed the notebooks' 5 s
            # reachability check on a loaded machine.
            self.started = subprocess.Popen(["dockerd"], stdin=subprocess.DEVNULL,
                                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            wait_until(lambda: self.started.poll() is not None or engine_answers(), 60, "dockerd to answer")
        except AssertionError:
            self.stop()
            raise
        if self.started.poll() is not None:
            self.started = None
            raise EngineUnavailable("dockerd ended at start (no kernel support for containers?); its log ends with:\n"
                                    + self.log.read_text()[-1500:])
        return self

    def stop(self):
        """Stops the dockerd this run started (SIGTERM, which stops its containerd too); leaves any other alone."""
        if self.started is None or self.started.poll() is not None:
            return
        os.kill(self.started.pid, signal.SIGTERM)
        try:
            self.started.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(self.started.pid, signal.SIGKILL)
            self.started.wait()
        self.started = None
