"""What the tests and the bench share (python/streamlab_support, on PYTHONPATH: pytest.ini for the tests,
scripts/bench.sh for the bench): where the repo is, waiting on a condition with a deadline, child
processes. The modules beside this one run a real `java` kernel (kernel_session), kafka.ipynb's cells
(kafka_notebook) and a notebook under nbconvert (notebook_runner); the weather topics are read from
outside with the checker's streamlab_check.weather_topic."""
import functools
import os
import pathlib
import signal
import subprocess
import time
import xml.etree.ElementTree as ElementTree

from streamlab_exercises.regions import without_solution_markers  # noqa: F401 (the suites import it from here)

REPO = pathlib.Path(__file__).resolve().parent.parent.parent
_POM = {"pom": "http://maven.apache.org/POM/4.0.0"}


@functools.lru_cache(maxsize=None)
def pom_property(name):
    """A property of the root pom.xml (e.g. spark.version), where every version is written once."""
    value = ElementTree.parse(REPO / "pom.xml").getroot().find(f"pom:properties/pom:{name}", _POM)
    if value is None:
        raise KeyError(f"pom.xml has no property {name}")
    return value.text.strip()


@functools.lru_cache(maxsize=None)
def version():
    """The project's version, as Maven names the jars it builds (streamlab-lib-VERSION.jar)."""
    return ElementTree.parse(REPO / "pom.xml").getroot().find("pom:version", _POM).text.strip()


def kafka_bootstrap():
    """STREAMLAB_KAFKA, or the local cluster's broker on STREAMLAB_KAFKA_PORT (9092): the notebooks' rule
    (io.streamlab.config.Endpoints), so moving the cluster's port moves the clients with it."""
    return os.environ.get("STREAMLAB_KAFKA") or f"localhost:{os.environ.get('STREAMLAB_KAFKA_PORT') or 9092}"


def hdfs_url():
    """STREAMLAB_HDFS, or the local cluster's NameNode on STREAMLAB_HDFS_PORT (9000)."""
    return os.environ.get("STREAMLAB_HDFS") or f"hdfs://localhost:{os.environ.get('STREAMLAB_HDFS_PORT') or 9000}"


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


def lib_classpath():
    """The helper jar and its dependencies, as the build leaves them."""
    return f"{REPO / 'lib' / 'target' / f'streamlab-lib-{version()}.jar'}:{REPO / 'lib' / 'target' / 'lib' / '*'}"


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
