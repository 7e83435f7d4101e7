"""Where the notebooks run in the tests: the local cluster `./streamlab test` started, or the
docker compose services run natively — each service's own command and environment from the
compose file, with loopback and spare ports in place of the container names."""
import pathlib
import shutil
import subprocess
import tempfile
import urllib.request

import yaml

from streamlab_testing import REPO, child_environment, stop_process, wait_until

COMPOSE_FILE = REPO / "docker-compose.yml"
# Services in the order compose's depends_on starts them; app last.
CLUSTER_SERVICES = ["kafka", "nn", "dn", "spark-master", "spark-worker"]
# Every port the compose cluster uses, and the spare one it gets when run natively beside the local cluster.
SPARE_PORTS = {"STREAMLAB_KAFKA_PORT": (9092, 29092), "STREAMLAB_KAFKA_CONTROLLER_PORT": (9093, 29093),
               "STREAMLAB_HDFS_PORT": (9000, 29000), "STREAMLAB_HDFS_HTTP_PORT": (9870, 29870),
               "STREAMLAB_DATANODE_PORT": (9866, 29866), "STREAMLAB_DATANODE_HTTP_PORT": (9864, 29864),
               "STREAMLAB_DATANODE_IPC_PORT": (9867, 29867), "STREAMLAB_SPARK_MASTER_PORT": (7077, 27077),
               "STREAMLAB_SPARK_MASTER_UI_PORT": (8080, 28080), "STREAMLAB_SPARK_WORKER_PORT": (7078, 27078),
               "STREAMLAB_SPARK_WORKER_UI_PORT": (8081, 28081), "STREAMLAB_JUPYTER_PORT": (5000, 25000)}
HOSTS = ["kafka", "nn", "dn", "spark-master", "spark-worker", "app"]


def compose_config():
    """The compose file as docker-compose itself reads it (a real parser, with anchors merged)."""
    result = subprocess.run(["docker-compose", "-f", str(COMPOSE_FILE), "config"],
                            capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr
    return yaml.safe_load(result.stdout)


class LocalDeployment:
    """The cluster `./streamlab test` runs on the default ports; notebooks use the default endpoints."""
    name = "local"
    env = {}


class NativeComposeDeployment:
    """Runs every compose service's command as a local process, as its container would."""
    name = "compose"

    def __init__(self):
        self.config = compose_config()
        self.state = pathlib.Path(tempfile.mkdtemp(prefix="streamlab-compose-"))
        self.processes = []
        self.env = {}

    def service_environment(self, service):
        """The container's environment, with loopback for the service names and spare ports."""
        environment = {"STREAMLAB_BIND_HOST": "127.0.0.1", "STREAMLAB_JUPYTER_IP": "127.0.0.1",
                       "STREAMLAB_STATE": str(self.state / service)}
        for name, value in (self.config["services"][service].get("environment") or {}).items():
            environment[name] = loopback(str(value))
        environment.update({name: str(spare) for name, (_, spare) in SPARE_PORTS.items()})
        return environment

    def start(self):
        try:
            for service in CLUSTER_SERVICES:
                self.run_service(service)
                self.wait_healthy(service)
            app = self.run_service("app")
            port = SPARE_PORTS["STREAMLAB_JUPYTER_PORT"][1]
            wait_until(lambda: app.poll() is not None or jupyter_answers(port), 120, "the app service's Jupyter")
            assert app.poll() is None, "the app service's command ended: " + self.log("app")
            self.env = {name: value for name, value in self.service_environment("app").items()
                        if name in ("STREAMLAB_KAFKA", "STREAMLAB_HDFS", "STREAMLAB_SPARK_MASTER",
                                    "STREAMLAB_SPARK_DRIVER_HOST")}
            return self
        except BaseException:
            self.stop()
            raise

    def run_service(self, service):
        command = self.config["services"][service]["command"]
        log = open(self.state / f"{service}.log", "w")
        process = subprocess.Popen(command, cwd=REPO, env=child_environment(**self.service_environment(service)),
                                   stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        self.processes.append((service, process))
        return process

    def wait_healthy(self, service):
        healthcheck = self.config["services"][service].get("healthcheck")
        if not healthcheck:
            return
        test = healthcheck["test"]
        assert test[0] == "CMD", f"{service}'s healthcheck should run a command directly: {test}"
        process = dict(self.processes)[service]

        def healthy():
            assert process.poll() is None, f"{service} ended while starting: " + self.log(service)
            return subprocess.run(test[1:], cwd=REPO, env=child_environment(**self.service_environment(service)),
                                  capture_output=True).returncode == 0
        wait_until(healthy, 180, f"compose service {service} to be healthy")

    def log(self, service):
        return (self.state / f"{service}.log").read_text()[-3000:]

    def stop(self):
        for _, process in reversed(self.processes):
            stop_process(process)
        self.processes = []
        shutil.rmtree(self.state, ignore_errors=True)


def loopback(value):
    """`kafka:9092` → `localhost:29092`, `hdfs://nn:9000` → `hdfs://localhost:29000`, `nn` → `localhost`."""
    for host in HOSTS:
        for default, spare in SPARE_PORTS.values():
            value = value.replace(f"{host}:{default}", f"localhost:{spare}")
    return "localhost" if value in HOSTS else value


def jupyter_answers(port):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False
