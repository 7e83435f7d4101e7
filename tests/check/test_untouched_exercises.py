"""The exercise versions of kafka.ipynb and spark.ipynb (`./streamlab exercises`), untouched: the
checker runs them to where they stop and must give 0 on every criterion about the student's code,
each with a hint, without crashing — and say where the notebook stopped."""
import json

import pytest

from checker_runs import check
from streamlab_check.paths import NOTEBOOKS
from streamlab_exercises.generate import build_exercise


def exercise(name, directory):
    solution = json.loads((NOTEBOOKS / f"{name}.ipynb").read_text(encoding="utf-8"))
    path = directory / f"{name}.ipynb"
    path.write_text(build_exercise(f"{name}.ipynb", solution).text(), encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["kafka", "spark"])
def test_an_untouched_exercise_scores_0_on_its_code_with_a_hint_per_criterion(name, tmp_path):
    checked = check(exercise(name, tmp_path))
    failure = checked.execution.failure
    assert failure is not None and failure.ename.endswith("UnsupportedOperationException"), failure
    assert failure.evalue.startswith("exercise: "), failure
    code = [result for result in checked.results if result.criterion.code]
    assert code and all(result.earned == 0 and result.hint for result in code), \
        [(result.criterion.key, result.earned, result.hint) for result in code]
    # what stopped the notebook is named where nothing was produced
    assert any("stopped at" in result.hint for result in code)
