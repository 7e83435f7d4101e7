"""Each lab's exercise version, untouched (as ./streamlab exercises generates it), through the checker:
the run stops at the first `// YOUR CODE HERE` with the exercise's UnsupportedOperationException, and the
checker answers without crashing — every criterion about the student's code with no points and a hint,
each hint ending with where the notebook stopped."""
import json

import nbformat
import pytest

from lab_checks import check, table
from streamlab_exercises.generate import build_exercise
from streamlab_support import REPO

LABS = ["variance", "fraud", "hashtags", "social-media", "lakehouse"]


@pytest.mark.parametrize("name", LABS)
def test_an_untouched_exercise_scores_nothing_on_its_code_with_a_hint_for_each(name, tmp_path):
    solution = json.loads((REPO / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8"))
    exercise = build_exercise(f"{name}.ipynb", solution)
    assert exercise.regions, f"{name}.ipynb has no solution regions"
    path = tmp_path / f"{name}.ipynb"
    path.write_text(exercise.text(), encoding="utf-8")

    checked = check(name, tmp_path, path)

    failure = checked.execution.failure
    assert failure and failure.ename.endswith("UnsupportedOperationException") and failure.evalue.startswith("exercise: "), \
        table(checked)
    code = [result for result in checked.results if result.criterion.code]
    assert code, "no criterion about the student's code"
    for result in code:
        assert result.earned == 0 and result.hint, table(checked)
        assert result.hint.endswith(checked.execution.where_it_stopped()), table(checked)
    assert nbformat.read(path, as_version=4).cells == nbformat.reads(exercise.text(), as_version=4).cells, \
        "the checker changed the student's file"
