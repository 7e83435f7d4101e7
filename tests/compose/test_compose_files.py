"""docker-compose.yml and the Dockerfile, read by real parsers: quick checks that need no Docker
engine. (tests/docker builds the image and runs the compose cluster for real.)"""
import re

from deployments import CLUSTER_SERVICES, PUBLISHED_PORTS, compose_config
from streamlab_support import REPO

CONFIG = compose_config()
SERVICES = CONFIG["services"]


def test_the_compose_file_has_the_courses_services():
    assert set(SERVICES) == set(CLUSTER_SERVICES) | {"app"}


def test_every_service_runs_the_streamlab_launcher_from_one_image():
    images = {service["image"] for service in SERVICES.values()}
    assert images == {"streamlab"}
    for name, service in SERVICES.items():
        assert service["command"][0] == "./streamlab", name
        assert service["restart"] == "unless-stopped", name
        assert service["mem_limit"], name


def published(config):
    return {name: service["ports"] for name, service in config["services"].items() if service.get("ports")}


def test_jupyter_and_the_web_uis_are_published_on_loopback_at_their_usual_ports():
    # docker-compose 1.x prints the short form: HOST_IP:PUBLISHED:TARGET/PROTOCOL
    assert published(CONFIG) == {"app": ["127.0.0.1:5000:5000/tcp"], "nn": ["127.0.0.1:9870:9870/tcp"],
                                 "spark-master": ["127.0.0.1:8080:8080/tcp"]}


def test_each_published_port_moves_with_its_variable():
    moved = {name: 20000 + number for number, name in enumerate(PUBLISHED_PORTS)}
    ports = published(compose_config(**moved))
    assert ports["app"] == [f"127.0.0.1:{moved['STREAMLAB_JUPYTER_PORT']}:5000/tcp"]
    assert ports["nn"] == [f"127.0.0.1:{moved['STREAMLAB_HDFS_HTTP_PORT']}:9870/tcp"]
    assert ports["spark-master"] == [f"127.0.0.1:{moved['STREAMLAB_SPARK_MASTER_UI_PORT']}:8080/tcp"]


def test_the_app_points_at_the_other_containers():
    environment = SERVICES["app"]["environment"]
    assert environment["STREAMLAB_KAFKA"] == "kafka:9092"
    assert environment["STREAMLAB_HDFS"] == "hdfs://nn:9000"
    assert environment["STREAMLAB_SPARK_MASTER"] == "spark://spark-master:7077"
    assert environment["STREAMLAB_SPARK_DRIVER_HOST"] == "app"


def test_services_wait_for_what_they_need_to_be_healthy():
    for name in ["kafka", "nn", "dn", "spark-master"]:
        assert SERVICES[name]["healthcheck"]["test"][:4] == ["CMD", "./streamlab", "cluster", "check"], name
    assert SERVICES["app"]["depends_on"]["kafka"]["condition"] == "service_healthy"
    assert SERVICES["app"]["depends_on"]["dn"]["condition"] == "service_healthy"
    assert SERVICES["spark-worker"]["depends_on"]["spark-master"]["condition"] == "service_healthy"


def test_kafka_and_hdfs_keep_their_data_in_named_volumes():
    assert {"kafka-data", "hdfs-name", "hdfs-data"} <= set(CONFIG["volumes"])
    for name in ["kafka", "nn", "dn"]:
        [volume] = SERVICES[name]["volumes"]
        source, target = volume.split(":")[:2]
        assert source in CONFIG["volumes"] and target == "/streamlab/.streamlab/data", name


def test_the_dockerfile_installs_and_builds_with_the_scripts_ci_runs():
    dockerfile = (REPO / "Dockerfile").read_text()
    instructions = [line for line in dockerfile.splitlines() if line and not line.startswith("#")]
    assert instructions[0] == "FROM debian:bookworm"
    commands = [command.split()[0] for line in instructions if line.startswith("RUN ")
                for command in re.split(r"&&|;", line[len("RUN "):])]
    assert commands == ["scripts/install.sh", "rm", "scripts/build.sh", "scripts/build.sh", "./streamlab"]
    assert "./streamlab kernel" in dockerfile


def test_the_dockerfile_trusts_the_proxy_cas_before_it_downloads_and_keys_dependencies_on_the_poms():
    instructions = [line for line in (REPO / "Dockerfile").read_text().splitlines() if line and not line.startswith("#")]
    position = {line: index for index, line in enumerate(instructions)}
    ca_copy = position["COPY docker/ca-certificates/ /usr/local/share/ca-certificates/"]
    dependencies = position["RUN scripts/build.sh --dependencies"]
    assert ca_copy < position["RUN scripts/install.sh && rm -rf /var/lib/apt/lists/*"]
    # Only poms (and the proto the build compiles) reach the dependency layer; the code comes after it.
    copied = [line.split()[1] for line in instructions[ca_copy + 1:dependencies] if line.startswith("COPY ")]
    assert all(path.endswith("pom.xml") or path.rstrip("/") in ("scripts/common.sh", ".mvn", "proto", "scripts/build.sh")
               for path in copied), copied
    assert position["COPY . ."] > dependencies
    modules = {str(pom.parent.relative_to(REPO)) for pom in REPO.glob("*/**/pom.xml")
               if "target" not in pom.parts and "bench" not in pom.parts and "node_modules" not in pom.parts}
    assert {f"{module}/pom.xml" for module in modules} <= set(copied), "every module's pom is in the dependency layer"


def test_the_docker_build_context_leaves_out_build_output_and_state():
    ignored = (REPO / ".dockerignore").read_text().split()
    assert {"**/target", ".streamlab", ".git"} <= set(ignored)


def test_the_ca_folder_keeps_certificates_out_of_git():
    rules = (REPO / "docker" / "ca-certificates" / ".gitignore").read_text().split()
    assert "*" in rules and "!README.md" in rules
