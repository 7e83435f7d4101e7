"""A real Jupyter client talking to the installed `java` kernel, for the tests and the benchmark.

Every IOPub message is kept (with the time it arrived), so a test can look for output that
arrives after its cell has finished - a background thread's print, an update_display_data.
"""
import json
import os
import time
from dataclasses import dataclass, field

from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
from jupyter_client.manager import KernelManager

from streamlab_support import REPO as REPO_PATH, version

KERNEL_NAME = "java"
REPO = str(REPO_PATH)
INSTALL_COMMAND = (
    "mvn -B -q -pl kernel -am package -DskipTests && "
    f"java -cp 'kernel/target/streamlab-kernel-{version()}.jar:kernel/target/lib/*' "
    "io.streamlab.kernel.KernelspecInstaller"
)


def check_kernelspec():
    """The `java` kernelspec exists and runs this repository's build (not another checkout's)."""
    try:
        spec = KernelSpecManager().get_kernel_spec(KERNEL_NAME)
    except NoSuchKernel:
        raise RuntimeError(f"No '{KERNEL_NAME}' kernelspec - install it from {REPO} with: {INSTALL_COMMAND}")
    classpath = spec.argv[spec.argv.index("-cp") + 1]
    if not classpath.startswith(os.path.join(REPO, "kernel", "target")):
        raise RuntimeError(f"The '{KERNEL_NAME}' kernelspec runs {classpath}, not this checkout {REPO} - "
                           f"re-install it with: {INSTALL_COMMAND}")
    return spec


@dataclass
class Result:
    msg_id: str
    reply: dict
    messages: list = field(default_factory=list)

    @property
    def status(self):
        return self.reply["content"]["status"]

    def stream(self, name="stdout"):
        return "".join(m["content"]["text"] for m in self.messages
                       if m["msg_type"] == "stream" and m["content"]["name"] == name)

    @property
    def data(self):
        """The execute_result's MIME bundle, or None."""
        for m in self.messages:
            if m["msg_type"] == "execute_result":
                return m["content"]["data"]
        return None

    @property
    def text(self):
        return (self.data or {}).get("text/plain")

    @property
    def error(self):
        for m in self.messages:
            if m["msg_type"] == "error":
                return m["content"]
        return None

    def of_type(self, msg_type):
        return [m for m in self.messages if m["msg_type"] == msg_type]


class KernelSession:
    def __init__(self, startup_timeout=90, env=None, **launch):
        """`env`: environment variables the kernel gets on top of ours; `launch`: anything else
        jupyter_client passes to the kernel's process, e.g. cwd=."""
        check_kernelspec()
        self.km = KernelManager(kernel_name=KERNEL_NAME)
        self.started_at = time.monotonic()
        if env:
            launch["env"] = {**os.environ, **env}
        self.km.start_kernel(**launch)
        self.kc = self.km.client()
        self.kc.start_channels()
        self.seen = []  # (arrival time, message)
        try:
            self.kc.wait_for_ready(timeout=startup_timeout)
        except Exception:
            self.close()
            raise

    @property
    def pid(self):
        return self.km.provisioner.pid if getattr(self.km, "provisioner", None) else self.km.kernel.pid

    def _next_iopub(self, deadline):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("no message from the kernel before the deadline")
        msg = self.kc.get_iopub_msg(timeout=remaining)
        self.seen.append((time.monotonic(), msg))
        return msg

    def execute(self, code, timeout=60, expect_ok=None, on_message=None):
        """Runs a cell and returns its reply and every IOPub message it produced until idle."""
        msg_id = self.kc.execute(code)
        deadline = time.monotonic() + timeout
        messages = []
        while True:
            msg = self._next_iopub(deadline)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if on_message:
                on_message(msg)
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
            messages.append(msg)
        reply = self.shell_reply(msg_id, deadline)
        result = Result(msg_id, reply, messages)
        if expect_ok is True:
            assert result.status == "ok", f"cell failed: {result.error}\nstderr: {result.stream('stderr')}"
        return result

    def ok(self, code, timeout=60):
        return self.execute(code, timeout=timeout, expect_ok=True)

    def shell_reply(self, msg_id, deadline):
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"no reply to {msg_id}")
            reply = self.kc.get_shell_msg(timeout=remaining)
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply

    def wait_for(self, predicate, timeout):
        """The first IOPub message (already seen or arriving before the deadline) that satisfies predicate."""
        for _, msg in self.seen:
            if predicate(msg):
                return msg
        deadline = time.monotonic() + timeout
        while True:
            try:
                msg = self._next_iopub(deadline)
            except (TimeoutError, Exception) as e:
                if time.monotonic() >= deadline:
                    raise TimeoutError(f"no matching message within {timeout} s") from e
                continue
            if predicate(msg):
                return msg

    def request(self, send, timeout=30):
        """Sends a shell request (complete, inspect, is_complete) and returns its reply content."""
        msg_id = send()
        return self.shell_reply(msg_id, time.monotonic() + timeout)["content"]

    def close(self):
        try:
            self.kc.stop_channels()
        finally:
            if self.km.is_alive():
                self.km.shutdown_kernel(now=False)
            self.km.cleanup_resources()
