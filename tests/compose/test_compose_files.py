"""docker-compose.yml and the Dockerfile, read by real parsers. (Their commands run natively in the
notebook suites: see deployments.NativeComposeDeployment.)"""
import re

from deployments import CLUSTER_SERVICES, compose_config
from streamlab_testing import REPO

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


def test_jupyter_is_published_on_loopback_port_5000_only():
    published = {name: service.get("ports", []) for name, service in SERVICES.items() if service.get("ports")}
    assert list(published) == ["app"]
    # docker-compose 1.x prints the short form: HOST_IP:PUBLISHED:TARGET/PROTOCOL
    assert published["app"] == ["127.0.0.1:5000:5000/tcp"]


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
    assert commands == ["scripts/install.sh", "rm", "scripts/build.sh", "./streamlab"]
    assert "./streamlab kernel" in dockerfile


def test_the_docker_build_context_leaves_out_build_output_and_state():
    ignored = (REPO / ".dockerignore").read_text().split()
    assert {"**/target", ".streamlab", ".git"} <= set(ignored)
