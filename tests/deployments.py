"""Where the notebooks run in the tests: the local cluster `./streamlab test` started. (The docker
compose cluster runs them in real containers: tests/docker.)"""
import os
import subprocess

import yaml

from streamlab_support import REPO

COMPOSE_FILE = REPO / "docker-compose.yml"
# Services in the order compose's depends_on starts them; app last.
CLUSTER_SERVICES = ["kafka", "nn", "dn", "spark-master", "spark-worker"]
# The host ports the compose file publishes, each settable by the variable that names it.
PUBLISHED_PORTS = {"STREAMLAB_JUPYTER_PORT": 5000, "STREAMLAB_HDFS_HTTP_PORT": 9870, "STREAMLAB_SPARK_MASTER_UI_PORT": 8080}


def compose_config(**settings):
    """The compose file as docker-compose itself reads it (a real parser, with anchors merged and
    ${VARIABLES} substituted: from `settings` only, so the defaults show unless a test sets one)."""
    environment = {name: value for name, value in os.environ.items() if name not in PUBLISHED_PORTS}
    environment.update({name: str(value) for name, value in settings.items()})
    result = subprocess.run(["docker-compose", "-f", str(COMPOSE_FILE), "config"],
                            capture_output=True, text=True, cwd=REPO, env=environment)
    assert result.returncode == 0, result.stderr
    return yaml.safe_load(result.stdout)


class LocalDeployment:
    """The cluster `./streamlab test` runs on the default ports; notebooks use the default endpoints."""
    name = "local"
    env = {}
