"""A cell's System.exit (or Runtime.exit/halt) is refused with an error in the cell; the kernel,
and the variables earlier cells defined, live on."""
import pytest


@pytest.mark.parametrize("call,named", [
    ("System.exit(3);", "System.exit(3)"),
    ("Runtime.getRuntime().exit(2);", "Runtime.exit(2)"),
    ("Runtime.getRuntime().halt(1);", "Runtime.halt(1)"),
    ("Runnable quit = () -> System.exit(4);\nquit.run();", "System.exit(4)"),
])
def test_exit_in_a_cell_is_refused_and_the_kernel_lives_on(kernel, call, named):
    kernel.ok('String station = "Bergen";')
    r = kernel.execute(call)
    assert r.status == "error"
    assert r.error["ename"] == "ExitRefused"
    assert r.error["evalue"].startswith(f"{named} would end the kernel"), r.error
    assert kernel.km.is_alive()
    assert kernel.ok("station").text == "Bergen"


def test_a_method_defined_in_a_cell_is_refused_too(kernel):
    kernel.ok("void finish(int code) { System.exit(code); }")
    r = kernel.execute("finish(5);")
    assert r.status == "error" and "System.exit(5) would end the kernel" in r.error["evalue"], r.error
    assert kernel.ok("1 + 1").text == "2"
