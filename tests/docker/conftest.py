"""The docker lane's fixtures: an engine, the images, and the compose cluster — each stopped or
removed afterwards by what started it, also when a test fails."""
import json
import time

import pytest

from compose_cluster import ComposeCluster
from docker_engine import DockerEngine, EngineUnavailable
from images import build_image, ensure_base_image
from streamlab_support import REPO

FIGURES = REPO / "target" / "docker-lane-figures.json"


@pytest.fixture(scope="session")
def figures():
    """What the lane measured (build, start, notebook times, memory), written for the project's notes."""
    measured = {}
    yield measured
    FIGURES.parent.mkdir(exist_ok=True)
    FIGURES.write_text(json.dumps(measured, indent=2, sort_keys=True) + "\n")


@pytest.fixture(scope="session")
def engine(tmp_path_factory):
    engine = DockerEngine(tmp_path_factory.mktemp("dockerd"))
    try:
        engine.start_if_needed()
    except EngineUnavailable as reason:
        pytest.skip(f"the docker lane needs a Docker engine: {reason}")
    try:
        yield engine
    finally:
        engine.stop()


@pytest.fixture(scope="session")
def image(engine, tmp_path_factory, figures):
    logs = tmp_path_factory.mktemp("docker-build")
    figures["base image"] = ensure_base_image(logs / "base-image.log")
    figures["build s"] = round(build_image(logs / "build.log"), 1)
    return "streamlab"


@pytest.fixture(scope="session")
def cluster(image, figures):
    cluster = ComposeCluster()
    # A run that was killed may have left its project behind; it is ours to remove.
    cluster.down(volumes=True)
    try:
        started = time.monotonic()
        cluster.up()
        cluster.wait_healthy()
        figures["up to healthy s"] = round(time.monotonic() - started, 1)
        yield cluster
    finally:
        started = time.monotonic()
        cluster.down(volumes=True)
        figures["down -v s"] = round(time.monotonic() - started, 1)
