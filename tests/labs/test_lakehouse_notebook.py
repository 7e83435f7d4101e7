"""notebooks/lakehouse.ipynb through the checker (streamlab_check.notebooks.lakehouse), which reads the
bronze, silver and gold tables on HDFS with a plain Parquet reader (LakeTable.java, no Spark),
recomputes gold from silver and the reports from gold, then deletes the run's lake: the solution
scores full marks; a de-duplication that keeps the last occurrence loses exactly the gold criterion."""
import os
import urllib.error
import urllib.parse
import urllib.request

import pytest

from lab_checks import assert_full_marks, assert_lost_exactly, by_key, check, mutated
from streamlab_check.labs_support import cell_text
from streamlab_check.notebooks import lakehouse


@pytest.fixture(scope="module")
def solution(tmp_path_factory):
    return check("lakehouse", tmp_path_factory.mktemp("lakehouse-solution"))


def test_the_solution_scores_full_marks(solution):
    assert_full_marks(solution)


def test_the_notebook_printed_the_counts_the_lake_holds(solution):
    split = by_key(solution)["silver_split"].checked  # "bronze N = V valid + C corrupted, each event once"
    bronze, valid, corrupted = (int(word) for word in split.replace("=", " ").replace("+", " ").split() if word.isdigit())
    shown = "".join(cell_text(cell) for cell in solution.execution.code_cells())
    assert f"Total messages in bronze layer: {bronze}\n" in shown
    assert f"Total corrupted messages in silver layer: {corrupted}\n" in shown
    assert f"Total non-corrupted messages in silver layer: {valid}\n" in shown
    assert "Message counts match" in shown
    assert f"valid messages: {valid}, without duplicates: " in shown


def test_the_checker_deleted_the_runs_lake(solution):
    root = solution.execution.environment["STREAMLAB_LAKEHOUSE_ROOT"]
    assert "/check-lakehouse-" in root
    # Asked of the NameNode's WebHDFS: a plain HTTP client, no JVM.
    path = urllib.parse.urlparse(root).path
    url = f"http://localhost:{os.environ.get('STREAMLAB_HDFS_HTTP_PORT', '9870')}/webhdfs/v1{urllib.parse.quote(path)}?op=GETFILESTATUS"
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(url, timeout=30)
    assert missing.value.code == 404, url


def test_keeping_the_last_occurrence_loses_the_gold_table(tmp_path):
    notebook = mutated("lakehouse", tmp_path, ('.orderBy("timestamp");', '.orderBy(col("timestamp").desc());'))
    assert_lost_exactly(check("lakehouse", tmp_path, notebook), lakehouse.DEDUP.key, "timestamp ascending")
