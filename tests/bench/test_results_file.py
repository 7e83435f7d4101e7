"""bench/RESULTS.md by sections (bench/python/results_file.py): a run of some groups, or the long run,
replaces its own section and nothing else."""
import pytest

import results_file

pytestmark = pytest.mark.unit

HEAD = results_file.TITLE + "\n- date: then\n\n| the full table |\n"


def test_a_new_section_goes_at_the_end_and_a_second_run_replaces_it(tmp_path):
    results = tmp_path / "RESULTS.md"
    results.write_text(HEAD + "\n## Long run\n\nten minutes\n")
    results_file.replace_section(results, "## Only kernel", "first")
    results_file.replace_section(results, "## Only kernel", "second")
    assert results.read_text() == HEAD + "\n## Long run\n\nten minutes\n\n## Only kernel\n\nsecond\n"


def test_replacing_a_section_in_the_middle_keeps_what_follows(tmp_path):
    results = tmp_path / "RESULTS.md"
    results.write_text(HEAD + "\n## Long run\n\nold\n\n### by hand\n\nreading\n\n## Only spark\n\nspark rows\n")
    results_file.replace_section(results, "## Long run", "new")
    assert results.read_text() == HEAD + "\n## Long run\n\nnew\n\n## Only spark\n\nspark rows\n"
    assert results_file.section(results, "## Only spark") == "## Only spark\n\nspark rows\n"
    assert results_file.section(results, "## Only kernel") == ""


def test_a_missing_file_gets_the_title_first(tmp_path):
    results = tmp_path / "RESULTS.md"
    results_file.replace_section(results, "## Long run", "figures")
    assert results.read_text() == results_file.TITLE + "\n## Long run\n\nfigures\n"
