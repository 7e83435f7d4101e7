"""A user's view: `./streamlab up` serves Jupyter, Chromium opens a Java notebook and runs its cells."""
import json
import os
import re
import signal
import subprocess
import threading

import nbformat
import pytest

from streamlab_testing import REPO, wait_until, child_environment

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
    process = subprocess.Popen(
        ["./streamlab", "up"], cwd=REPO, env=child_environment(STREAMLAB_JUPYTER_PORT=PORT),
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    lines = []
    reader = threading.Thread(target=lambda: lines.extend(process.stdout), daemon=True)
    reader.start()

    def printed_url():
        assert process.poll() is None, "./streamlab up ended early:\n" + "".join(lines)
        for line in list(lines):
            found = re.search(rf"http://(?:127\.0\.0\.1|localhost):{PORT}/\?token=\w+", line)
            if found:
                return found.group(0)
        return None

    try:
        yield wait_until(printed_url, 300, "./streamlab up to print Jupyter's URL")
    finally:
        # Ctrl-C reaches the whole foreground group; up's trap stops Jupyter (and what up started).
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def test_a_user_runs_java_cells_in_the_browser(jupyter_url, notebook_for_the_user, tmp_path):
    screenshot = tmp_path / "notebook.png"
    result = subprocess.run(
        ["node", "run_notebook_like_a_user.mjs", jupyter_url, notebook_for_the_user.name, str(screenshot)],
        cwd=BROWSER_DIR, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])

    assert seen["kernelName"] == "java"
    answer, hello, endpoint = seen["outputs"]
    assert "42" in "".join(answer)
    assert "hello from Java 17" in "".join(hello)
    assert "localhost:9092" in "".join(endpoint) or os.environ.get("STREAMLAB_KAFKA", "") in "".join(endpoint)
    assert screenshot.stat().st_size > 0
