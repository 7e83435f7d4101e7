"""Where things are in the checkout the checker runs from."""
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
NOTEBOOKS = REPO / "notebooks"
EXERCISES = NOTEBOOKS / "exercises"
PROTO = REPO / "proto"
VERSION = "0.1.0-SNAPSHOT"


def lib_classpath() -> str:
    """The helper jar and its dependencies as the build leaves them (Hadoop's and Parquet's clients among them)."""
    return f"{REPO / 'lib' / 'target' / f'streamlab-lib-{VERSION}.jar'}:{REPO / 'lib' / 'target' / 'lib' / '*'}"
