"""notebooks/kafka.ipynb under the checker (`./streamlab check kafka`) against the local cluster: it
must score full marks — the checker proves from outside the partition files' format and exactly-once
against the topic read with kafka-python, both topics' formats and keys, the producer's settings —
and what the lesson prints must be there (the settings, the files like `cat`), with the markdown's
quote of proto/report.proto true."""
import json
import re

import pytest

from streamlab_support.notebook_runner import cell_starting_with
from streamlab_check.checking import check_notebook
from streamlab_check.execution import cell_text, error_outputs
from streamlab_check.notebooks import kafka
from streamlab_check.paths import NOTEBOOKS
from streamlab_support import REPO

# Kafka's default partitioner puts the 15 stations' keys here (verified in lib's tests too).
STATIONS_BY_PARTITION = {0: {"N"}, 1: {"E", "O"}, 2: {"F", "I", "J"}, 3: {"D", "G", "M"},
                         4: {"A", "B", "C", "K", "L"}, 5: {"H"}}


@pytest.fixture(scope="module")
def checked(deployment, tmp_path_factory):
    workdir = tmp_path_factory.mktemp(f"kafka-notebook-{deployment.name}")
    return check_notebook(NOTEBOOKS / "kafka.ipynb", kafka, workdir=workdir, extra_environment=deployment.env,
                          manage_cluster=False, say=lambda text: None)


def test_the_notebook_runs_without_errors(checked):
    assert checked.execution.failure is None
    assert error_outputs(checked.execution.executed) == []


@pytest.mark.parametrize("criterion", [criterion.key for criterion in kafka.criteria()])
def test_the_checker_gives_the_solution_every_point(checked, criterion):
    result = next(result for result in checked.results if result.criterion.key == criterion)
    assert result.full_marks, result.hint


def test_the_producer_cell_shows_its_settings_and_was_acknowledged(checked):
    notebook = checked.execution.executed
    settings = cell_text(cell_starting_with(notebook, "Properties producerSettings"))
    assert "acks=all" in settings and "retries=10" in settings
    tally = cell_text(cell_starting_with(notebook, "tally.awaitAcknowledged"))
    assert "failed 0" in tally


def snapshots(checked):
    return {partition: json.loads((checked.execution.workdir / f"partition-{partition}.json").read_text())
            for partition in range(6)}


def test_the_snapshots_are_printed_like_cat(checked):
    printed = cell_text(cell_starting_with(checked.execution.executed,
                                           "for (int partition = 0; partition < 6; partition++) {\n    System.out.println"))
    assert [int(n) for n in re.findall(r'"partition" ?: ?(\d+)', printed)] == list(range(6))
    for partition, snapshot in snapshots(checked).items():
        assert f'"offset" : {snapshot["offset"]}' in printed


def test_each_partition_file_holds_the_stations_kafkas_partitioner_puts_there(checked):
    for partition, snapshot in snapshots(checked).items():
        assert {key for key in snapshot if key not in ("partition", "offset")} == STATIONS_BY_PARTITION[partition]


def test_the_markdown_quotes_proto_report_proto_as_it_is():
    notebook = json.loads((REPO / "notebooks" / "kafka.ipynb").read_text())
    markdown = "\n".join("".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "markdown")
    quoted = re.search(r"```protobuf\n(.*?)```", markdown, re.S).group(1)
    assert quoted == (REPO / "proto" / "report.proto").read_text()
