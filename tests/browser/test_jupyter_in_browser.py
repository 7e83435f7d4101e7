"""A user's view: `./streamlab up` serves Jupyter, Chromium opens a Java notebook and runs its cells."""
import json
import os
import re
import signal
import socket
import subprocess
import threading

import nbformat
import pytest

from streamlab_support import REPO, wait_until, child_environment

BROWSER_DIR = REPO / "tests" / "browser"
PORT = os.environ.get("STREAMLAB_JUPYTER_PORT", "5000")


@pytest.fixture
def notebook_for_the_user():
    """A small Java notebook in notebooks/, removed afterwards."""
    path = REPO / "notebooks" / f"browser-check-{os.getpid()}.ipynb"
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "java", "display_name": "Java", "language": "java"}
    notebook.cells = [
        nbformat.v4.new_code_cell("int answer = 6 * 7;\nanswer"),
        nbformat.v4.new_code_cell('System.out.println("hello from Java " + Runtime.version().feature());'),
        nbformat.v4.new_code_cell("import io.streamlab.config.Endpoints;\nEndpoints.current().kafkaBootstrapServers()"),
    ]
    nbformat.write(notebook, path)
    yield path
    path.unlink(missing_ok=True)


@pytest.fixture
def jupyter_url():
    """Runs `./streamlab up` as a user would and yields the URL it prints; stops it like Ctrl-C."""
    yield from serve("up")


@pytest.fixture
def jupyter_alone_url():
    """Jupyter without the cluster (`./streamlab jupyter`), for notebooks that need only Spark in local mode."""
    yield from serve("jupyter")


def port_is_free():
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", int(PORT))) != 0


def serve(command):
    # The previous test's Jupyter may still be letting go of the port (its kernels shut down first).
    wait_until(port_is_free, 60, f"port {PORT} to be free before ./streamlab {command}")
    process = subprocess.Popen(
        ["./streamlab", command], cwd=REPO, env=child_environment(STREAMLAB_JUPYTER_PORT=PORT),
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    lines = []
    reader = threading.Thread(target=lambda: lines.extend(process.stdout), daemon=True)
    reader.start()

    def printed_url():
        assert process.poll() is None, f"./streamlab {command} ended early:\n" + "".join(lines)
        for line in list(lines):
            found = re.search(rf"http://(?:127\.0\.0\.1|localhost):{PORT}/\?token=\w+", line)
            if found:
                return found.group(0)
        return None

    try:
        yield wait_until(printed_url, 300, f"./streamlab {command} to print Jupyter's URL")
    finally:
        # Ctrl-C reaches the whole foreground group; up's trap stops Jupyter (and what up started).
        try:
            os.killpg(process.pid, signal.SIGINT)
        except ProcessLookupError:  # it ended by itself (e.g. the port was taken): nothing to stop
            pass
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def run_like_a_user(url, notebook, screenshot):
    result = subprocess.run(
        ["node", "run_notebook_like_a_user.mjs", url, notebook.name, str(screenshot)],
        cwd=BROWSER_DIR, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_a_user_runs_java_cells_in_the_browser(jupyter_url, notebook_for_the_user, tmp_path):
    screenshot = tmp_path / "notebook.png"
    seen = run_like_a_user(jupyter_url, notebook_for_the_user, screenshot)

    assert seen["kernelName"] == "java"
    answer, hello, endpoint = seen["outputs"]
    assert "42" in "".join(answer)
    assert "hello from Java 17" in "".join(hello)
    assert "localhost:9092" in "".join(endpoint) or os.environ.get("STREAMLAB_KAFKA", "") in "".join(endpoint)
    assert screenshot.stat().st_size > 0


LIVE_CELLS = [
    # A thread that prints after its cell finished, while the next cell runs.
    "Thread ticker = new Thread(() -> {\n"
    "    for (int i = 0; i < 6; i++) {\n"
    "        System.out.println(\"tick \" + i);\n"
    "        try { Thread.sleep(300); } catch (InterruptedException e) { return; }\n"
    "    }\n"
    "});\n"
    "ticker.start();",
    "Thread.sleep(2500);",
    "ticker.join();",
    "import org.apache.spark.sql.*;\n"
    "import org.apache.spark.sql.streaming.*;\n"
    "SparkSession spark = SparkSession.builder().master(\"local[2]\").appName(\"browser-live\")\n"
    "    .config(\"spark.ui.enabled\", \"false\").getOrCreate();",
    "StreamingQuery ticks = spark.readStream().format(\"rate\").option(\"rowsPerSecond\", \"10\").load()\n"
    "    .writeStream().format(\"noop\").queryName(\"ticks\")\n"
    "    .trigger(Trigger.ProcessingTime(\"300 milliseconds\")).start();",
]
ARTIFACTS = REPO / "target" / "test-artifacts" / "browser"


@pytest.fixture
def live_notebook():
    path = REPO / "notebooks" / f"browser-live-{os.getpid()}.ipynb"
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "java", "display_name": "Java", "language": "java"}
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in LIVE_CELLS]
    nbformat.write(notebook, path)
    yield path
    path.unlink(missing_ok=True)


def test_thread_output_stays_under_its_cell_and_a_query_panel_updates_live(jupyter_alone_url, live_notebook):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    screenshot = ARTIFACTS / "live.png"
    seen = run_like_a_user(jupyter_alone_url, live_notebook, screenshot)

    ticker, sleeper, joiner, _, query = ["".join(texts) for texts in seen["finalOutputs"]]
    # In a browser, a thread's lines stay under the cell that started it, also those printed
    # while the next cell ran.
    assert [line for line in ticker.splitlines() if line.startswith("tick")] == [f"tick {i}" for i in range(6)]
    assert "tick" not in sleeper and "tick" not in joiner
    # The query's panel showed a growing batch id, screenshots kept in target/test-artifacts/browser.
    first, second = seen["panelBatches"]
    assert second >= first + 3
    assert 'StreamingQuery "ticks"' in query and "active" in query
    for name in ("live-panel-1.png", "live-panel-2.png"):
        assert (ARTIFACTS / name).stat().st_size > 0
