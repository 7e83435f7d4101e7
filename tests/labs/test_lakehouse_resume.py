"""lakehouse.ipynb's bronze stream restarted from its checkpoint: the lab's own cells run in a real Java
kernel through jupyter_client; the bronze query runs and stops as the notebook says, the kernel is
restarted through the client (Jupyter's restart: the driver goes with it) and the cells are run again
without the one that empties the lake. The bronze table, read from outside with the plain Parquet client
(python/streamlab_check/LakeTable.java), must then hold every row of the rate source once: the values 0 … n-1,
more than before the restart, none twice (the query did not start over) and none skipped."""
import uuid

import nbformat
import pytest

from streamlab_support import REPO, hdfs_url, without_solution_markers
from streamlab_check.labs_support import read_lake

from streamlab_support.kernel_session import KernelSession

# The lab's cells by how they start, up to the bronze stream's stop; the second run leaves out the clear.
CELLS = ("import io.streamlab.labs.lakehouse.", "LakehouseSettings settings", "SparkSession spark =",
         "StreamOutputs.clear", "Dataset<Row> rateStream =", "VoidFunction2<Dataset<Row>, Long> insertMessages",
         "bronzeQuery.awaitTermination")


def notebook_cell(prefix):
    cells = [cell.source for cell in nbformat.read(REPO / "notebooks" / "lakehouse.ipynb", as_version=4).cells
             if cell.cell_type == "code" and without_solution_markers(cell.source).startswith(prefix)]
    assert len(cells) == 1, f"lakehouse.ipynb: expected one code cell starting with {prefix!r}, found {len(cells)}"
    return cells[0]


def run_cells(session, prefixes):
    for prefix in prefixes:
        source = notebook_cell(prefix)
        result = session.execute(source, timeout=300)
        assert result.status == "ok", f"lakehouse.ipynb's cell failed:\n{source}\n{result.error}\n{result.stream('stderr')[-3000:]}"


def bronze_values(root):
    bronze = f"{root}/bronze/messages/data"
    return sorted(row["value"] for row in read_lake([bronze])[0][bronze] or [])


@pytest.fixture(scope="module")
def bronze_before_and_after(tmp_path_factory):
    hdfs = hdfs_url().rstrip("/")
    root = f"{hdfs}/streamlab/test-lakehouse-resume-{uuid.uuid4().hex[:8]}"
    session = None
    try:
        session = KernelSession(startup_timeout=120, cwd=str(tmp_path_factory.mktemp("lakehouse-resume")),
                                env=dict(STREAMLAB_LAKEHOUSE_ROOT=root, STREAMLAB_LAKEHOUSE_SEED="42",
                                         STREAMLAB_LAKEHOUSE_ROWS_PER_SECOND="20",
                                         STREAMLAB_LAKEHOUSE_BRONZE_DURATION="4s"))
        run_cells(session, CELLS)
        before = bronze_values(root)
        session.km.restart_kernel(now=False)
        session.kc.wait_for_ready(timeout=120)
        run_cells(session, [prefix for prefix in CELLS if prefix != "StreamOutputs.clear"])
        yield before, bronze_values(root)
    finally:
        if session is not None:
            session.close()
        read_lake([], delete=[root])


def test_the_restarted_bronze_stream_continues_without_duplicates_or_gaps(bronze_before_and_after):
    before, after = bronze_before_and_after
    assert before, "the first run wrote nothing to bronze"
    assert before == list(range(len(before))), "the first run wrote a rate row twice or skipped one"
    assert len(after) > len(before), "the restarted stream added nothing"
    assert after == list(range(len(after))), \
        f"after the restart bronze holds {len(after)} rows, not each of the values 0…{max(after)} once"
