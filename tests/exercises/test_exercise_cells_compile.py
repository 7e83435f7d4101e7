"""Every generated exercise cell of every notebook compiles, as the Java kernel compiles it.

CompileCells.java runs JShell with the kernel's classpath, compiler options, start-up imports and cell
splitting, but an execution engine that runs nothing: each exercise cell is compiled in the context of
the solution cells before it, up to the generated throw where the kernel would stop the cell. No cluster
is needed; a compile error ("unreachable statement", "missing return statement", "cannot find symbol")
fails the test with the notebook, cell and line."""
import json
import subprocess

from streamlab_support import REPO

from streamlab_support.kernel_session import check_kernelspec
from streamlab_exercises.generate import build_exercise, cell_text  # noqa: E402

NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))


def cells_to_compile(path):
    """The solution's code cells, each with its exercise version when it has a region."""
    solution = json.loads(path.read_text(encoding="utf-8"))
    exercise = build_exercise(path.name, solution)
    exercise_cells = {cell["id"]: cell_text(cell) for cell in exercise.notebook["cells"]}
    with_regions = {number for number, _ in exercise.regions}
    cells = []
    for number, cell in enumerate(solution["cells"], start=1):
        if cell["cell_type"] != "code":
            continue
        cells.append({"number": number, "solution": cell_text(cell),
                      "exercise": exercise_cells[cell["id"]] if number in with_regions else None})
    return {"notebook": path.name, "cells": cells}


# Exercise cells the generator must never write, to prove the check fails on them (same JVM run).
CANARY = {"notebook": "canary", "cells": [
    {"number": 1, "solution": "int f() {\n    return 1;\n}",
     "exercise": 'int f() {\n    if (true) throw new UnsupportedOperationException("exercise: f");\n}'},
    {"number": 2, "solution": "void g() {\n    System.out.println();\n}",
     "exercise": 'void g() {\n    throw new UnsupportedOperationException("exercise: g");\n    System.out.println();\n}'},
]}


def test_every_exercise_cell_compiles_in_the_kernel_s_jshell(tmp_path):
    spec = check_kernelspec()
    java, classpath = spec.argv[0], spec.argv[spec.argv.index("-cp") + 1]
    plan = tmp_path / "cells.json"
    plan.write_text(json.dumps([cells_to_compile(path) for path in NOTEBOOKS] + [CANARY]))
    result = subprocess.run(
        [java, "-Xmx768m", "-XX:TieredStopAtLevel=1", "-cp", classpath,
         str(REPO / "tests" / "exercises" / "CompileCells.java"), str(plan)],
        capture_output=True, text=True, timeout=600)
    report = result.stdout + result.stderr[-3000:]
    print(result.stdout)
    failures = [line for line in result.stdout.splitlines() if line.startswith("FAIL ")]
    assert [line for line in failures if not line.startswith("FAIL canary ")] == [], report
    for path in NOTEBOOKS:
        assert f"OK {path.name}: " in result.stdout, report
    # the check can fail: the canary's two broken cells are caught, each with javac's message
    assert any(line.startswith("FAIL canary cell 1 line 1 (exercise): missing return statement") for line in failures), report
    assert any(line.startswith("FAIL canary cell 2 line 1 (exercise): unreachable statement") for line in failures), report
    assert result.returncode == 1, report
