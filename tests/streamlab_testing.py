"""What the Python test suites share: where the repo is, and waiting on a condition with a deadline."""
import os
import pathlib
import re
import signal
import subprocess
import time

REPO = pathlib.Path(__file__).resolve().parent.parent


# A solution region's marker line in a notebook's code cell (`./streamlab exercises`): a comment.
SOLUTION_MARKER = re.compile(r"^[ \t]*//\s*(BEGIN|END) SOLUTION\b.*(\n|$)", re.MULTILINE)


def without_solution_markers(source):
    """A code cell's source without its solution marker lines, so a cell is found by its first code line."""
    return SOLUTION_MARKER.sub("", source)


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
    return f"{REPO / 'lib' / 'target' / 'streamlab-lib-0.1.0-SNAPSHOT.jar'}:{REPO / 'lib' / 'target' / 'lib' / '*'}"


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
