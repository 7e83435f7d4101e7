"""Jupyter's own kernel conformance suite (jupyter_kernel_test, Debian's python3-jupyter-kernel-test)
against the installed `java` kernelspec: every message is validated against the protocol's schema."""
import unittest

import jupyter_kernel_test

from streamlab_support.kernel_session import check_kernelspec


class JavaKernelConformance(jupyter_kernel_test.KernelTests):
    kernel_name = "java"
    language_name = "java"
    file_extension = ".jshell"

    @classmethod
    def setUpClass(cls):
        check_kernelspec()
        super().setUpClass()
        # The suite gives each reply 15 s; JShell's first compilation on a busy machine can take
        # longer, so the kernel answers one cell before the suite's tests start.
        cls.kc.execute_interactive("int warmedUp = 1;", timeout=180, output_hook=lambda msg: None)

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("a station is silent");'
    completion_samples = [{"text": "Syst", "matches": {"System"}}]
    complete_code_samples = ["1 + 1", "int x = 3;", "void f() { }"]
    incomplete_code_samples = ["void f() {", "int x = (1 +"]
    invalid_code_samples = ["int x = 3;)"]
    code_generate_error = 'throw new IllegalStateException("broker down");'
    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"station " + "A"', "result": "station A"},
    ]
    code_display_data = [
        {"code": 'display("<b>warm</b>", "text/html");', "mime": "text/html"},
        {"code": 'display("*warm*", "text/markdown");', "mime": "text/markdown"},
        {"code": 'display(42);', "mime": "text/plain"},
    ]
    # history_request over this session's cells: tail, range and search (a glob, as IPython's).
    supported_history_operations = ("tail", "range", "search")
    code_history_pattern = "6 * 7"
    # IPython's help syntax: the documentation comes back as a pager payload.
    code_page_something = "Math.max?"
    code_inspect_sample = "Math.max"
    code_clear_output = 'System.out.println("old"); clearOutput();'


if __name__ == "__main__":
    unittest.main()
