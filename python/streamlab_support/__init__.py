"""What the tests and the bench share (python/streamlab_support, on PYTHONPATH: pytest.ini for the tests,
scripts/bench.sh for the bench): where the repo is, waiting on a condition with a deadline, child
processes. The modules beside this one run a real `java` kernel (kernel_session), kafka.ipynb's cells
(kafka_notebook) and a notebook under nbconvert (notebook_runner); the weather topics are read from
outside with the checker's streamlab_check.weather_topic."""
import os
import signal
import subprocess
import time

from streamlab_exercises.regions import without_solution_markers  # noqa: F401 (the suites import it from here)

# Versions and endpoints are the checker's (product code, which the tests and the bench may import):
# one rule for where the cluster is and one reading of pom.xml.
from streamlab_check.endpoints import hdfs_url, kafka_bootstrap  # noqa: E402,F401
from streamlab_check.paths import REPO, lib_classpath, pom_property, version  # noqa: E402,F401


def wait_until(condition, timeout_s, what):
    """Polls `condition` until it returns a truthy value, which is returned; fails naming `what`."""
    deadline = time.monotonic() + timeout_s
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout_s} s waiting for {what}")
        time.sleep(0.1)


def child_environment(**overrides):
    """The environment for a child process: ours, with the settings given."""
    environment = dict(os.environ)
    environment.update({key: str(value) for key, value in overrides.items()})
    return environment


def stop_process(process, timeout_s=60):
    """SIGTERM, then SIGKILL after the deadline: a test never leaves its child running. A child
    started with start_new_session=True is stopped with its whole process group."""
    def send(signal_number):
        try:
            if os.getpgid(process.pid) == process.pid:
                os.killpg(process.pid, signal_number)
            else:
                os.kill(process.pid, signal_number)
        except ProcessLookupError:
            pass

    if process.poll() is None:
        send(signal.SIGTERM)
        try:
            process.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            send(signal.SIGKILL)
            process.wait()
