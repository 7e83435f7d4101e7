"""docker-compose.yml brought up for real under a project name of its own, with its published
ports moved to spare loopback ports (the local cluster of ./streamlab test holds the defaults)."""
import json
import re
import socket
import subprocess
import urllib.error
import urllib.request

from deployments import PUBLISHED_PORTS
from docker_engine import docker
from streamlab_support import REPO, child_environment, wait_until

PROJECT = "streamlab-test"
SERVICES = ["kafka", "nn", "dn", "spark-master", "spark-worker", "app"]


def spare_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ComposeCluster:
    def __init__(self):
        self.ports = {name: spare_port() for name in PUBLISHED_PORTS}
        self.environment = child_environment(**self.ports)

    def compose(self, *arguments, timeout=300, check=True):
        result = subprocess.run(["docker-compose", "-p", PROJECT, "-f", str(REPO / "docker-compose.yml"), *arguments],
                                cwd=REPO, env=self.environment, capture_output=True, text=True, timeout=timeout)
        if check:
            assert result.returncode == 0, f"docker-compose {' '.join(arguments)} failed:\n{result.stderr[-4000:]}"
        return result

    def up(self):
        self.compose("up", "-d", "--no-build", timeout=600)

    def down(self, volumes):
        self.compose("down", "--remove-orphans", *(["-v"] if volumes else []), timeout=300, check=False)

    def container(self, service):
        container = self.compose("ps", "-q", service).stdout.strip()
        assert container, f"no container for {service}"
        return container

    def state(self, service):
        return json.loads(docker("inspect", "-f", "{{json .State}}", self.container(service)).stdout)

    def healthy(self, service):
        """Health check green where the service has one; running (and never restarted) where not."""
        state = self.state(service)
        assert state["Status"] != "exited", f"{service} exited:\n{self.logs(service)}"
        health = state.get("Health")
        return state["Running"] and (health is None or health["Status"] == "healthy")

    def wait_healthy(self, timeout_s=240):
        for service in SERVICES:
            wait_until(lambda: self.healthy(service), timeout_s, f"compose service {service} to be healthy")
        wait_until(lambda: self.jupyter_status("/api") == 200, 120, "Jupyter on the published port")

    def restarts(self, service):
        return int(docker("inspect", "-f", "{{.RestartCount}}", self.container(service)).stdout)

    def address(self, service):
        """The container's own address on the compose network (reachable from the host)."""
        return docker("inspect", "-f", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}",
                      self.container(service)).stdout.strip()

    def logs(self, service):
        return self.compose("logs", "--no-color", "--tail", "60", service, check=False).stdout

    def exec(self, service, script, timeout=1200, **settings):
        """bash -c SCRIPT inside the service's container, with extra environment settings."""
        options = [argument for name, value in settings.items() for argument in ("-e", f"{name}={value}")]
        return subprocess.run(["docker-compose", "-p", PROJECT, "-f", str(REPO / "docker-compose.yml"),
                               "exec", "-T", *options, service, "bash", "-c", script],
                              cwd=REPO, env=self.environment, capture_output=True, text=True, timeout=timeout)

    def copy_out(self, service, path, target):
        docker("cp", f"{self.container(service)}:{path}", str(target))

    def copy_in(self, service, source, path):
        docker("cp", str(source), f"{self.container(service)}:{path}")

    def jupyter_token(self):
        tokens = re.findall(r"[?&]token=([0-9a-f]+)", self.compose("logs", "--no-color", "app").stdout)
        assert tokens, "Jupyter printed no URL with a token:\n" + self.logs("app")
        return tokens[-1]

    def jupyter_status(self, path):
        url = f"http://127.0.0.1:{self.ports['STREAMLAB_JUPYTER_PORT']}{path}"
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code
        except OSError:
            return None

    def webhdfs(self, path, operation):
        """WebHDFS through the NameNode's published web port, with a plain HTTP client."""
        url = f"http://127.0.0.1:{self.ports['STREAMLAB_HDFS_HTTP_PORT']}/webhdfs/v1{path}?op={operation}"
        with urllib.request.urlopen(url, timeout=30) as response:
            assert response.status == 200, url
            return json.loads(response.read())

    def memory_mib(self):
        """Each container's current memory use, as `docker stats` reports it."""
        result = docker("stats", "--no-stream", "--format", "{{.Name}} {{.MemUsage}}", *map(self.container, SERVICES))
        usage = {}
        for line in result.stdout.splitlines():
            name, used = line.split()[0], line.split()[1]
            number = float(re.match(r"[\d.]+", used).group())
            unit = re.search(r"[A-Za-z]+", used).group()
            usage[name] = number * {"B": 1 / 2**20, "KiB": 1 / 1024, "MiB": 1, "GiB": 1024}[unit]
        return usage
