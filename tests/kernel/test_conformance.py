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
    code_inspect_sample = "Math.max"
    code_clear_output = 'System.out.println("old"); clearOutput();'


if __name__ == "__main__":
    unittest.main()
