"""Kernelspec installation, shutdown, and no orphan JVMs."""
import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from streamlab_support import version
from streamlab_support.kernel_session import REPO, KernelSession

KERNEL_JAR = os.path.join(REPO, "kernel", "target", f"streamlab-kernel-{version()}.jar")
INSTALLER_CP = KERNEL_JAR + os.pathsep + os.path.join(REPO, "kernel", "target", "lib", "*")


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is dead for our purposes.
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def wait_until_gone(pid, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not alive(pid):
            return True
        time.sleep(0.1)  # polling a condition with a deadline
    return False


def run_installer(*args, env=None):
    return subprocess.run(["java", "-Xmx64m", "-cp", INSTALLER_CP, "io.streamlab.kernel.KernelspecInstaller", *args],
                          capture_output=True, text=True, env=env, timeout=60)


def test_installer_writes_a_complete_kernelspec_and_overwrites_it(tmp_path):
    first = run_installer("--kernels-dir", str(tmp_path))
    assert first.returncode == 0, first.stderr
    spec_file = tmp_path / "java" / "kernel.json"
    spec = json.loads(spec_file.read_text())
    assert spec["display_name"] == "Java" and spec["language"] == "java"
    assert spec["interrupt_mode"] == "message"
    argv = spec["argv"]
    assert os.path.isabs(argv[0]) and argv[0].endswith("/bin/java")
    assert any(a.startswith("-Xmx") for a in argv)
    assert "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED" in argv
    assert "-Djdk.reflect.useDirectMethodHandle=false" in argv
    assert argv[argv.index("-cp") + 1].endswith(os.path.join("kernel", "target", "lib", "*"))
    assert argv[-2:] == ["io.streamlab.kernel.KernelMain", "{connection_file}"]

    spec_file.write_text("stale")
    second = run_installer("--kernels-dir", str(tmp_path), "--heap", "1g")
    assert second.returncode == 0, second.stderr
    assert "-Xmx1g" in json.loads(spec_file.read_text())["argv"]


def test_installer_honours_jupyter_data_dir(tmp_path):
    env = dict(os.environ, JUPYTER_DATA_DIR=str(tmp_path))
    r = run_installer(env=env)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "kernels" / "java" / "kernel.json").exists()


def test_installer_rejects_bad_options(tmp_path):
    r = run_installer("--heap", "lots")
    assert r.returncode == 2
    assert "--heap" in r.stderr


def test_shutdown_ends_the_jvm_even_with_non_daemon_threads():
    session = KernelSession()
    try:
        session.ok("new Thread(() -> { try { Thread.sleep(600_000); } catch (InterruptedException e) { } }).start();")
        pid = session.pid
        process = session.km.provisioner.process
        session.kc.stop_channels()
        t0 = time.monotonic()
        session.km.shutdown_kernel(now=False)
        assert time.monotonic() - t0 < 5
        # Exit status 0: the kernel exited by itself, jupyter_client did not have to kill it.
        assert process.poll() == 0
        assert wait_until_gone(pid, 5)
    finally:
        if session.km.is_alive():
            session.km.shutdown_kernel(now=True)


def test_kernel_exits_when_its_parent_process_dies(tmp_path):
    parent_script = textwrap.dedent("""\
        import sys, time
        from jupyter_client.manager import start_new_kernel
        km, kc = start_new_kernel(kernel_name="java", startup_timeout=90)
        print(km.provisioner.pid, flush=True)
        time.sleep(600)
        """)
    parent = subprocess.Popen([sys.executable, "-c", parent_script], stdout=subprocess.PIPE, text=True,
                              env=dict(os.environ, PYDEVD_DISABLE_FILE_VALIDATION="1"))
    kernel_pid = None
    try:
        kernel_pid = int(parent.stdout.readline().strip())
        assert alive(kernel_pid)
        parent.send_signal(signal.SIGKILL)  # no chance to shut the kernel down
        parent.wait(timeout=10)
        assert wait_until_gone(kernel_pid, 10), "the kernel JVM outlived its parent"
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()
        if kernel_pid and alive(kernel_pid):
            os.kill(kernel_pid, signal.SIGKILL)
