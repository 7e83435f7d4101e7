import pytest

from deployments import LocalDeployment, NativeComposeDeployment


@pytest.fixture(scope="session", params=["local", "compose"])
def deployment(request):
    """Every notebook check runs twice: on the local cluster, and on the docker compose services run
    natively, where the app service's environment points Spark at the standalone master."""
    if request.param == "local":
        yield LocalDeployment()
        return
    compose = NativeComposeDeployment().start()
    try:
        yield compose
    finally:
        compose.stop()
