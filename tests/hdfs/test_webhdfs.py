"""HDFS as a user looks at it without Spark: the NameNode's WebHDFS (what the web UI's file browser
calls) with a plain HTTP client, and `./streamlab hdfs dfs`, on the local cluster, over a parquet
directory written by the plain Parquet writer."""
import json
import os
import subprocess
import urllib.parse
import urllib.request

import pytest

from streamlab_support import REPO, child_environment, hdfs_url, lib_classpath

HDFS = hdfs_url()
WEB = f"http://localhost:{os.environ.get('STREAMLAB_HDFS_HTTP_PORT', '9870')}"
DIRECTORY = "/streamlab/test/webhdfs/weather.parquet"
PART = "part-00000.parquet"
ROWS = 200


def webhdfs(path, operation):
    """GET /webhdfs/v1/PATH?op=OPERATION; urllib follows the NameNode's redirect to the DataNode."""
    url = f"{WEB}/webhdfs/v1{urllib.parse.quote(path)}?op={operation}"
    with urllib.request.urlopen(url, timeout=30) as response:
        assert response.status == 200, url
        return response.read()


def hdfs_dfs(*arguments):
    return subprocess.run([str(REPO / "streamlab"), "hdfs", "dfs", *arguments],
                          capture_output=True, text=True, timeout=120, env=child_environment())


@pytest.fixture(scope="module")
def parquet_directory():
    hdfs_dfs("-rm", "-r", "-f", DIRECTORY)
    result = subprocess.run(
        ["java", "-Xmx256m", "-cp", lib_classpath(), str(REPO / "tests" / "hdfs" / "WriteParquet.java"),
         f"{HDFS}{DIRECTORY}/{PART}", str(ROWS)],
        capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr[-3000:]
    yield DIRECTORY
    hdfs_dfs("-rm", "-r", "-f", DIRECTORY)


def test_webhdfs_lists_the_root(parquet_directory):
    statuses = json.loads(webhdfs("/", "LISTSTATUS"))["FileStatuses"]["FileStatus"]
    assert {"pathSuffix": "streamlab", "type": "DIRECTORY"}.items() <= \
        next(status for status in statuses if status["pathSuffix"] == "streamlab").items()


def test_webhdfs_lists_the_parquet_directory(parquet_directory):
    statuses = json.loads(webhdfs(parquet_directory, "LISTSTATUS"))["FileStatuses"]["FileStatus"]
    [part] = [status for status in statuses if status["pathSuffix"].endswith(".parquet")]
    assert part["pathSuffix"] == PART and part["type"] == "FILE" and part["length"] > 0


def test_webhdfs_serves_the_parquet_file_from_the_datanode(parquet_directory):
    content = webhdfs(f"{parquet_directory}/{PART}", "OPEN")
    # A parquet file starts and ends with its magic number; the footer's length sits before the last one.
    assert content[:4] == b"PAR1" and content[-4:] == b"PAR1"
    listed = json.loads(webhdfs(f"{parquet_directory}/{PART}", "GETFILESTATUS"))["FileStatus"]
    assert len(content) == listed["length"]


def test_streamlab_hdfs_dfs_lists_the_parquet_file(parquet_directory):
    result = hdfs_dfs("-ls", parquet_directory)
    assert result.returncode == 0, result.stderr
    [line] = [line for line in result.stdout.splitlines() if line.endswith(PART)]
    size = int(line.split()[4])
    assert size == json.loads(webhdfs(f"{parquet_directory}/{PART}", "GETFILESTATUS"))["FileStatus"]["length"]
    # Hadoop's warnings go to stderr, so the listing is all stdout holds.
    assert result.stdout.startswith("Found 1 items"), result.stdout


def test_streamlab_hdfs_dfs_reports_a_missing_path_with_its_exit_code():
    result = hdfs_dfs("-ls", "/streamlab/test/no-such-directory")
    assert result.returncode == 1
    assert "No such file or directory" in result.stderr
