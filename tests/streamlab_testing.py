"""What the Python test suites share: where the repo is, and waiting on a condition with a deadline."""
import os
import pathlib
import time

REPO = pathlib.Path(__file__).resolve().parent.parent


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
