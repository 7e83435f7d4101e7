"""Moved to python/streamlab_support (import from `streamlab_support`). Kept only so tests written
before the move still import; delete once nothing imports `streamlab_testing`."""
from streamlab_support import (  # noqa: F401
    REPO, child_environment, lib_classpath, stop_process, wait_until, without_solution_markers)
