"""notebooks/social-media.ipynb through the checker (streamlab_check.notebooks.social_media), which
reads every payload back from the topic with kafka-python and parses it platform by platform as the
seed does: the solution scores full marks; a unique_count that counts posts instead of authors loses
exactly the unique-authors criterion."""
import pytest

from lab_checks import assert_full_marks, assert_lost_exactly, check, mutated
from streamlab_check.endpoints import kafka_bootstrap
from streamlab_check.labs_support import cell_text, read_topic
from streamlab_check.notebooks import social_media


@pytest.fixture(scope="module")
def solution(tmp_path_factory):
    checked = check("social-media", tmp_path_factory.mktemp("social-media-solution"))
    # read before another run recreates the topic
    return checked, read_topic(kafka_bootstrap(checked.execution.environment), social_media.TOPIC)


def test_the_solution_scores_full_marks(solution):
    checked, _ = solution
    assert_full_marks(checked)


def test_the_topic_mixes_posts_of_every_platform_with_every_kind_of_bad_input(solution):
    _, payloads = solution
    assert len(payloads) >= 20
    extracted = [social_media.extract(payload) for payload in payloads]
    assert {post[0].split(";")[0] for post, _ in extracted if post} == set(social_media.PLATFORMS)
    assert {reason.split(" ")[0] for _, reason in extracted if reason} == {"broken", "missing", "unknown"}


def test_every_payload_sent_was_read_by_both_queries(solution):
    checked, payloads = solution
    shown = "".join(cell_text(cell) for cell in checked.execution.code_cells())
    assert f"{len(payloads)} payloads sent, all of them read by both queries" in shown
    assert "failed 0" in shown


def test_a_unique_count_of_posts_loses_the_unique_authors(tmp_path):
    notebook = mutated("social-media", tmp_path, ("(long) bin.userIds().size()", "bin.count()"))
    assert_lost_exactly(check("social-media", tmp_path, notebook), "unique", "the number of different authors")
