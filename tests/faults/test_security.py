"""Security, re-checked: every process the project starts — Kafka, the NameNode, the DataNode, the
Spark master and worker and the executors the worker launches, Jupyter as `./streamlab up` serves
it, the kernels Jupyter starts and the Spark driver inside a kernel — listens on loopback only
(read from the listening sockets with `ss`, filtered to those processes, and probed from this
host's other addresses); Jupyter refuses its API without the token it made; docker-compose.yml
publishes ports on 127.0.0.1 only."""
import ipaddress
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request

import pytest
import yaml

from streamlab_support import REPO, child_environment, wait_until

from streamlab_support.kernel_session import KernelSession

MASTER = os.environ.get("STREAMLAB_TEST_SPARK_MASTER") or os.environ.get("STREAMLAB_SPARK_MASTER", "")
LOOPBACK = {"127.0.0.1", "::1", "::ffff:127.0.0.1"}


def unused_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def listening(pids):
    """{pid: [(protocol, address, port)]} of every TCP or UDP socket these processes listen on."""
    found = {}
    result = subprocess.run(["ss", "-H", "-l", "-n", "-p", "-t", "-u"], capture_output=True, text=True, check=True)
    for line in result.stdout.splitlines():
        fields = line.split()
        protocol, local = fields[0], fields[4]
        address, port = local.rsplit(":", 1)
        address = address.strip("[]").split("%")[0]
        for pid in map(int, re.findall(r"pid=(\d+)", line)):
            if pid in pids:
                found.setdefault(pid, []).append((protocol, address, int(port)))
    return found


def descendants(pid):
    """The pid and every process below it (a worker's executors, Jupyter's kernels)."""
    family, frontier = {pid}, [pid]
    while frontier:
        children = subprocess.run(["ps", "-o", "pid=", "--ppid", str(frontier.pop())], capture_output=True, text=True).stdout
        for child in map(int, children.split()):
            family.add(child)
            frontier.append(child)
    return family


def other_addresses():
    """This host's addresses that are not loopback: where another host would connect."""
    addresses = subprocess.run(["hostname", "-I"], capture_output=True, text=True).stdout.split()
    return [address for address in addresses if not ipaddress.ip_address(address).is_loopback]


def reachable(address, port):
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    with socket.socket(family) as probe:
        probe.settimeout(2)
        try:
            probe.connect((address, port))
            return True
        except OSError:
            return False


@pytest.fixture(scope="module")
def jupyter():
    """`./streamlab jupyter` — Jupyter as `./streamlab up` serves it, without a token setting: (process, URL, port)."""
    port = unused_port()
    environment = child_environment(STREAMLAB_JUPYTER_PORT=port)
    environment.pop("STREAMLAB_JUPYTER_TOKEN", None)
    process = subprocess.Popen(["./streamlab", "jupyter"], cwd=REPO, env=environment, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, start_new_session=True)
    lines = []
    threading.Thread(target=lambda: lines.extend(process.stdout), daemon=True).start()

    def printed_url():
        assert process.poll() is None, "./streamlab jupyter ended early:\n" + "".join(lines)
        found = [re.search(rf"http://(?:127\.0\.0\.1|localhost):{port}/\?token=(\w+)", line) for line in list(lines)]
        return next((match for match in found if match), None)

    try:
        url = wait_until(printed_url, 120, "Jupyter to print its URL with a token")
        yield process, url.group(1), port
    finally:
        os.killpg(process.pid, signal.SIGINT)  # Ctrl-C, as a user stops it
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def api(port, path, token=None, method="GET", body=None):
    """(status, parsed JSON or None) of a Jupyter REST call."""
    url = f"http://127.0.0.1:{port}{path}" + (f"?token={token}" if token else "")
    request = urllib.request.Request(url, method=method, data=None if body is None else json.dumps(body).encode())
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read()
            return response.status, json.loads(text) if text else None
    except urllib.error.HTTPError as error:
        return error.code, None


@pytest.fixture(scope="module")
def jupyter_kernel(jupyter):
    """A Java kernel started through Jupyter's REST API, as the browser starts one."""
    _, token, port = jupyter
    status, kernel = api(port, "/api/kernels", token, "POST", {"name": "java"})
    assert status == 201, status
    try:
        yield kernel["id"]
    finally:
        api(port, f"/api/kernels/{kernel['id']}", token, "DELETE")


@pytest.fixture(scope="module")
def spark_driver():
    """A kernel with a SparkSession on the standalone master, as spark.ipynb builds it, and one job
    run, so the worker has launched an executor: (kernel session, its pid)."""
    if not MASTER.startswith("spark://"):
        pytest.skip("needs the Spark standalone master ./streamlab test starts (STREAMLAB_TEST_SPARK_MASTER)")
    session = KernelSession(env=child_environment(STREAMLAB_SPARK_MASTER=MASTER))
    try:
        result = session.execute(
            "import org.apache.spark.sql.SparkSession;\nimport io.streamlab.spark.StreamlabSpark;\n"
            'SparkSession spark = SparkSession.builder().appName("security-check")\n'
            '    .config("spark.executor.memory", "512m").config("spark.cores.max", "1")\n'
            "    .config(StreamlabSpark.deployment()).getOrCreate();\n"
            "spark.range(1000).count()", timeout=240)
        assert result.status == "ok", result.error
        yield session
        session.execute("spark.stop();", timeout=60)
    finally:
        session.close()


def project_processes(cluster, jupyter, spark_driver):
    """{what: set of pids} of everything the project started."""
    processes = {service: descendants(cluster.pid(service)) for service in ("kafka", "namenode", "datanode")}
    for service in ("spark-master", "spark-worker"):
        processes[service] = descendants(cluster.pid(service))
    processes["jupyter and its kernels"] = descendants(jupyter[0].pid)
    processes["a kernel with a Spark driver"] = {spark_driver.pid}
    return processes


def test_every_service_the_project_starts_listens_on_loopback_only(cluster, jupyter, jupyter_kernel, spark_driver):
    processes = project_processes(cluster, jupyter, spark_driver)
    executors = processes["spark-worker"] - {cluster.pid("spark-worker")}
    assert executors, "the worker launched no executor for the kernel's job"
    sockets = listening(set().union(*processes.values()))
    for what, pids in processes.items():
        found = [entry for pid in pids for entry in sockets.get(pid, [])]
        assert found, f"{what} listens on nothing — is it running?"
        exposed = [entry for entry in found if entry[1] not in LOOPBACK]
        assert exposed == [], f"{what} listens beyond loopback: {exposed}"
        print(what, sorted({port for _, _, port in found}))
    assert any(sockets.get(pid) for pid in executors), "the executors listen on nothing we could see"


def test_nothing_the_project_listens_on_answers_on_this_hosts_other_addresses(cluster, jupyter, jupyter_kernel, spark_driver):
    addresses = other_addresses()
    if not addresses:
        pytest.skip("this host has no address besides loopback")
    sockets = listening(set().union(*project_processes(cluster, jupyter, spark_driver).values()))
    ports = {port for entries in sockets.values() for protocol, _, port in entries if protocol == "tcp"}
    answered = [(address, port) for address in addresses for port in sorted(ports) if reachable(address, port)]
    assert answered == []


def test_the_spark_web_uis_are_bound_to_loopback(cluster):
    for service, variable, default in [("spark-master", "STREAMLAB_SPARK_MASTER_UI_PORT", 8080),
                                       ("spark-worker", "STREAMLAB_SPARK_WORKER_UI_PORT", 8081)]:
        if not (cluster.state / "run" / f"{service}.pid").exists():
            pytest.skip("needs the Spark standalone master and worker (./streamlab cluster start --spark)")
        port = int(os.environ.get(variable, default))
        pid = cluster.pid(service)
        entries = listening({pid}).get(pid, [])
        ui = [entry for entry in entries if entry[2] == port]
        assert ui, f"the {service} web UI is not on port {port}: {entries}"
        assert all(address in LOOPBACK for _, address, _ in ui), ui
        assert reachable("127.0.0.1", port)
        assert not any(reachable(address, port) for address in other_addresses())


def test_jupyter_refuses_its_api_without_the_token_it_made(jupyter, jupyter_kernel):
    _, token, port = jupyter
    assert api(port, "/api/kernels")[0] == 403
    assert api(port, "/api/kernels", "not-the-token")[0] == 403
    status, kernels = api(port, "/api/kernels", token)
    assert status == 200 and jupyter_kernel in [kernel["id"] for kernel in kernels]


def test_compose_publishes_ports_on_loopback_only():
    """docker-compose.yml as written (tests/compose reads it through docker-compose config too): every
    published port names 127.0.0.1, and no service shares the host's network."""
    services = yaml.safe_load((REPO / "docker-compose.yml").read_text())["services"]
    published = {name: service.get("ports", []) for name, service in services.items()}
    assert any(published.values()), "nothing published: the test would prove nothing"
    for name, ports in published.items():
        for port in ports:
            text = port if isinstance(port, str) else f"{port.get('host_ip', '')}:{port.get('published')}"
            assert text.startswith("127.0.0.1:"), f"{name} publishes {text} beyond loopback"
        assert services[name].get("network_mode") != "host", name
