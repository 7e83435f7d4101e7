"""Where the cluster is, by the notebooks' own rule (io.streamlab.config.Endpoints): STREAMLAB_KAFKA, else
the local cluster's broker on STREAMLAB_KAFKA_PORT (9092); STREAMLAB_HDFS, else its NameNode on
STREAMLAB_HDFS_PORT (9000). Moving the cluster's ports moves every client with it: the notebooks, the
checker, the tests and the bench all ask here.

`environment` is the settings a notebook runs with; they come before this process's own."""
import os


def _setting(environment, name):
    return (environment or {}).get(name) or os.environ.get(name)


def kafka_bootstrap(environment=None) -> str:
    return _setting(environment, "STREAMLAB_KAFKA") or f"localhost:{_setting(environment, 'STREAMLAB_KAFKA_PORT') or 9092}"


def hdfs_url(environment=None) -> str:
    """Without a trailing slash, so paths are appended as f"{hdfs_url()}/streamlab/…"."""
    url = _setting(environment, "STREAMLAB_HDFS") or f"hdfs://localhost:{_setting(environment, 'STREAMLAB_HDFS_PORT') or 9000}"
    return url.rstrip("/")
