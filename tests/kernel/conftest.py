import os

import pytest

os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")

from streamlab_support.kernel_session import KernelSession  # noqa: E402


@pytest.fixture(scope="module")
def kernel():
    """One kernel per test module (starting one costs about 2 s); always shut down."""
    session = KernelSession()
    try:
        yield session
    finally:
        session.close()
