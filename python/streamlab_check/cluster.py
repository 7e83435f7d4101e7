"""The local cluster a check runs against: what is already running is used as it is; what a notebook
needs and is not running is started, and only that is stopped again afterwards."""
from __future__ import annotations

import subprocess
from contextlib import contextmanager

from .execution import CouldNotRun
from .paths import REPO

# A notebook module names what it needs in SERVICES; the launcher's services behind each name.
LAUNCHER_SERVICES = {"kafka": ["kafka"], "hdfs": ["namenode", "datanode"], "spark": ["spark-master", "spark-worker"]}


def streamlab(*arguments, timeout_s=300) -> subprocess.CompletedProcess:
    return subprocess.run([str(REPO / "streamlab"), *arguments], capture_output=True, text=True, timeout=timeout_s)


def ready(service: str) -> bool:
    return streamlab("cluster", "check", service, timeout_s=120).returncode == 0


@contextmanager
def running(needs: frozenset[str], say=print):
    """Yields with every launcher service behind `needs` ready; stops afterwards the ones it started."""
    unknown = sorted(needs - LAUNCHER_SERVICES.keys())
    if unknown:
        raise ValueError(f"unknown services {unknown}; known: {sorted(LAUNCHER_SERVICES)}")
    wanted = [service for name in ("kafka", "hdfs", "spark") if name in needs for service in LAUNCHER_SERVICES[name]]
    missing = [service for service in wanted if not ready(service)]
    if missing:
        say(f"starting {', '.join(missing)} (stopped again after the check)")
        started = streamlab("cluster", "start", *missing)
        if started.returncode != 0:
            streamlab("cluster", "stop", *missing)
            raise CouldNotRun(f"the cluster did not start ({' '.join(missing)}): "
                              f"{(started.stderr or started.stdout).strip()[-2000:]}"
                              " — see ./streamlab cluster status, or start it yourself with ./streamlab cluster start")
    try:
        yield
    finally:
        if missing:
            say(f"stopping {', '.join(missing)}")
            streamlab("cluster", "stop", *missing)
