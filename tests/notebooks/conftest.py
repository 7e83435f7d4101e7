import pytest

from deployments import LocalDeployment


@pytest.fixture(scope="session")
def deployment():
    """The notebook checks run on the local cluster; the docker compose cluster runs both notebooks
    in real containers in tests/docker."""
    return LocalDeployment()
