"""Where things are in the checkout the checker runs from, and the project's version as pom.xml writes it
once (the jars are named after it)."""
import functools
import xml.etree.ElementTree as ElementTree
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
NOTEBOOKS = REPO / "notebooks"
EXERCISES = NOTEBOOKS / "exercises"
PROTO = REPO / "proto"
_POM = {"pom": "http://maven.apache.org/POM/4.0.0"}


@functools.lru_cache(maxsize=None)
def pom_property(name: str) -> str:
    """A property of the root pom.xml (e.g. spark.version), where every version is written once."""
    value = ElementTree.parse(REPO / "pom.xml").getroot().find(f"pom:properties/pom:{name}", _POM)
    if value is None:
        raise KeyError(f"pom.xml has no property {name}")
    return value.text.strip()


@functools.lru_cache(maxsize=None)
def version() -> str:
    """The project's version, as Maven names the jars it builds (streamlab-lib-VERSION.jar)."""
    return ElementTree.parse(REPO / "pom.xml").getroot().find("pom:version", _POM).text.strip()


def lib_classpath() -> str:
    """The helper jar and its dependencies as the build leaves them (Hadoop's and Parquet's clients among them)."""
    return f"{REPO / 'lib' / 'target' / f'streamlab-lib-{version()}.jar'}:{REPO / 'lib' / 'target' / 'lib' / '*'}"
