"""The images the docker lane needs: the base image (bootstrapped from the host's apt sources: our
machines reach no image registry, so the lane never tries one) and the project's image built from
the Dockerfile as shipped."""
import pathlib
import subprocess
import time

from docker_engine import docker
from streamlab_support import REPO

BASE_IMAGE = "debian:bookworm"
IMAGE = "streamlab"
CA_FOLDER = REPO / "docker" / "ca-certificates"
HOST_CAS = pathlib.Path("/usr/local/share/ca-certificates")


def image_id(name):
    result = docker("image", "inspect", "-f", "{{.Id}}", name, check=False)
    return result.stdout.strip() if result.returncode == 0 else None


def ensure_base_image(log):
    """debian:bookworm as it is, or made by docker/base-image.sh (what the README tells a user whose
    machine reaches no image registry)."""
    if image_id(BASE_IMAGE):
        return "present"
    with open(log, "w") as output:
        result = subprocess.run([str(REPO / "docker" / "base-image.sh")], stdout=output, stderr=subprocess.STDOUT,
                                timeout=900)
    assert result.returncode == 0, f"docker/base-image.sh failed:\n{log.read_text()[-3000:]}"
    return "bootstrapped"


class HostCertificates:
    """The certificate authorities this machine added (a TLS-inspecting proxy's), copied into
    docker/ca-certificates/ for the build and removed again afterwards: only the files it copied."""

    def __init__(self):
        self.copied = []

    def __enter__(self):
        for certificate in sorted(HOST_CAS.glob("**/*.crt")):
            target = CA_FOLDER / certificate.name
            if not target.exists():
                target.write_bytes(certificate.read_bytes())
                self.copied.append(target)
        return self

    def __exit__(self, *failure):
        for target in self.copied:
            target.unlink(missing_ok=True)


def build_image(log):
    """`docker build -t streamlab .` on the checkout; returns the seconds it took. The image it
    replaces is removed when nothing else names it, so rebuilds leave no 2 GB dangling images."""
    before = image_id(IMAGE)
    started = time.monotonic()
    with HostCertificates(), open(log, "w") as output:
        result = subprocess.run(["docker", "build", "-t", IMAGE, "."], cwd=REPO, stdout=output,
                                stderr=subprocess.STDOUT, timeout=1800)
    seconds = time.monotonic() - started
    assert result.returncode == 0, f"docker build failed:\n{log.read_text()[-5000:]}"
    after = image_id(IMAGE)
    if before and before != after:
        tags = docker("image", "inspect", "-f", "{{len .RepoTags}}", before, check=False).stdout.strip()
        if tags == "0":
            docker("rmi", before, check=False)
    return seconds
