"""notebooks/hashtags.ipynb through the checker (streamlab_check.notebooks.hashtags), which recounts the
last top ten from the tweets the replay recorded it sent in that window: the solution scores full
marks; a top ten sorted least frequent first loses exactly the top-ten criterion."""
import re

import pytest

from lab_checks import assert_full_marks, assert_lost_exactly, by_key, check, mutated
from streamlab_check.labs_support import cell_text


@pytest.fixture(scope="module")
def solution(tmp_path_factory):
    return check("hashtags", tmp_path_factory.mktemp("hashtags-solution"))


def test_the_solution_scores_full_marks(solution):
    assert_full_marks(solution)


def test_the_top_ten_is_of_a_settled_window_and_ten_tags(solution):
    assert "10 hashtags, the window's most frequent first" == by_key(solution)["top_ten"].checked
    assert "settled" in by_key(solution)["window"].checked


def test_it_waited_for_the_first_batch_instead_of_failing(solution):
    asked_early = "".join(cell_text(cell) for cell in solution.execution.cells_containing('spark.sql("SELECT tag, count FROM tweets")'))
    assert re.search(r"\d+ rows in tweets right after the start", asked_early), asked_early
    waited = "".join(cell_text(cell) for cell in solution.execution.cells_containing("StreamWait.untilDataBatches"))
    batches = re.search(r"(\d+) batch\(es\) with tweets so far", waited)
    assert batches and int(batches.group(1)) >= 1, waited
    stopped = "".join(cell_text(cell) for cell in solution.execution.cells_containing("query.stop();"))
    assert "tweet server stopped" in stopped


def test_a_top_ten_least_frequent_first_loses_the_top_ten(tmp_path):
    notebook = mutated("hashtags", tmp_path, ('" ORDER BY count DESC, tag LIMIT 10"', '" ORDER BY count ASC, tag LIMIT 10"'))
    assert_lost_exactly(check("hashtags", tmp_path, notebook), "top_ten", "most frequent first")
