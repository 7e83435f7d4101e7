"""The region logic of `./streamlab exercises`, as pure text: markers, replacements, model answers."""

import pytest

from streamlab_exercises.generate import NotebookError, build_exercise  # noqa: E402
from streamlab_exercises.regions import (  # noqa: E402
    DEFAULT_TASK, RegionError, answerless_markdown, exercise_source, find_regions, solution_source)

pytestmark = pytest.mark.unit


def test_a_region_becomes_your_code_here_and_a_throw_that_says_what_to_write():
    source = "int a = 1;\n// BEGIN SOLUTION: add one to a\na = a + 1;\n// END SOLUTION"
    text, regions = exercise_source(source)
    assert text == ('int a = 1;\n// YOUR CODE HERE\n'
                    'throw new UnsupportedOperationException("exercise: add one to a");')
    assert [(r.begin, r.end, r.task) for r in regions] == [(1, 3, "add one to a")]


def test_a_plain_marker_gets_a_default_task():
    text, _ = exercise_source("// BEGIN SOLUTION\nx();\n// END SOLUTION\n")
    assert f'"exercise: {DEFAULT_TASK}"' in text


def test_code_after_the_region_in_the_same_block_stays_reachable():
    source = "void f() {\n    // BEGIN SOLUTION: g\n    g();\n    // END SOLUTION\n    h();\n}"
    text, _ = exercise_source(source)
    assert '    if (true) throw new UnsupportedOperationException("exercise: g");\n    h();' in text


def test_a_region_that_ends_its_block_keeps_a_bare_throw_which_satisfies_a_return_type():
    source = "int f() {\n    // BEGIN SOLUTION\n    return 1;\n    // END SOLUTION\n\n    // a comment\n}"
    text, _ = exercise_source(source)
    assert "\n    throw new UnsupportedOperationException(" in text and "if (true)" not in text


def test_indentation_and_java_escapes():
    text, _ = exercise_source('        // BEGIN SOLUTION: say "hi" \\ there\n        x();\n        // END SOLUTION')
    assert text == ('        // YOUR CODE HERE\n'
                    '        throw new UnsupportedOperationException("exercise: say \\"hi\\" \\\\ there");')


def test_several_regions_in_one_cell():
    source = "// BEGIN SOLUTION: a\na();\n// END SOLUTION\nkeep();\n// BEGIN SOLUTION: b\nb();\n// END SOLUTION"
    text, regions = exercise_source(source)
    assert [r.task for r in regions] == ["a", "b"]
    assert "keep();" in text and "a();" not in text and "b();" not in text


def test_solution_source_only_drops_the_marker_lines():
    assert solution_source("// BEGIN SOLUTION: x\nx();\n// END SOLUTION\ny();") == "x();\ny();"


@pytest.mark.parametrize("source, line, words", [
    ("a();\n// BEGIN SOLUTION\nb();", 2, "without END SOLUTION in this cell — a region cannot span cells"),
    ("a();\n// END SOLUTION", 2, "END SOLUTION without a BEGIN SOLUTION"),
    ("// BEGIN SOLUTION\n// BEGIN SOLUTION: inner\n// END SOLUTION\n// END SOLUTION", 2, "regions cannot nest"),
    ("// BEGIN SOLUTION but no colon\n// END SOLUTION", 1, "not a marker line"),
])
def test_bad_markers_are_named_by_line(source, line, words):
    with pytest.raises(RegionError) as error:
        find_regions(source)
    assert error.value.line == line and words in str(error.value)


def test_a_model_answer_becomes_a_your_answer_line():
    source = ("### Question\nWhy?\n\n<details><summary>Model answer</summary>\n\nBecause.\n\n</details>\n\nAfter.")
    text, removed = answerless_markdown(source)
    assert removed == 1
    assert text == "### Question\nWhy?\n\n**Your answer:**\n\nAfter."


def test_an_unclosed_model_answer_is_an_error():
    with pytest.raises(RegionError, match="without </details>"):
        answerless_markdown("Q\n<details><summary>Model answer</summary>\nA")


def notebook(*cells):
    return {"cells": [{"cell_type": kind, "id": f"c{i}", "metadata": {}, "source": source,
                       **({"outputs": [], "execution_count": None} if kind == "code" else {})}
                      for i, (kind, source) in enumerate(cells)],
            "metadata": {"kernelspec": {"name": "java"}}, "nbformat": 4, "nbformat_minor": 5}


def test_a_bad_marker_names_the_notebook_the_cell_and_the_line():
    solution = notebook(("markdown", "# T"), ("code", "a();\n// BEGIN SOLUTION: x\nx();"))
    with pytest.raises(NotebookError) as error:
        build_exercise("demo.ipynb", solution)
    assert str(error.value).startswith("demo.ipynb, cell 2 (code, id c1), line 2: BEGIN SOLUTION without END SOLUTION")


def test_a_region_spanning_two_cells_is_refused():
    solution = notebook(("code", "// BEGIN SOLUTION\na();"), ("code", "b();\n// END SOLUTION"))
    with pytest.raises(NotebookError, match="cell 1 .*cannot span cells"):
        build_exercise("demo.ipynb", solution)


def test_the_exercise_keeps_cell_ids_and_markdown_and_records_a_hash():
    solution = notebook(("markdown", "# T\nHint: use x."), ("code", ["// BEGIN SOLUTION: x\n", "x();\n", "// END SOLUTION"]))
    exercise = build_exercise("demo.ipynb", solution)
    cells = exercise.notebook["cells"]
    assert cells[0]["id"] == "exercise-intro" and [c["id"] for c in cells[1:]] == ["c0", "c1"]
    assert "".join(cells[1]["source"]) == "# T\nHint: use x."
    assert "".join(cells[2]["source"]).endswith('throw new UnsupportedOperationException("exercise: x");')
    assert len(exercise.notebook["metadata"]["streamlab_exercise"]["cells_sha256"]) == 64
    assert solution["cells"][1]["source"][1] == "x();\n"     # the solution is not touched
