"""notebooks/kafka.ipynb's own cells in groups, found by how they start (so its markdown can change
freely): the checker runs SETUP + PRODUCER to fill the topics spark.ipynb reads; the tests and the
benchmark run the consumer groups too.

- SETUP: the imports and the run-length settings;
- PRODUCER: Part 1 up to the tally (recreates the topics, starts the producer thread, waits for acks);
- CONSUMER_DEFINITIONS: the formats cell and Part 2's definitions (settings, load, update, parse,
  save, consume) — without the cell that deletes old partition files, so a restarted kernel resumes;
- ROUNDS: the two-rounds cell; CLEAN: that deleting cell.
"""
from __future__ import annotations

import nbformat
from streamlab_exercises.regions import without_solution_markers

from .paths import NOTEBOOKS

NOTEBOOK = NOTEBOOKS / "kafka.ipynb"


def code_cells(notebook=NOTEBOOK) -> list[str]:
    return [cell.source for cell in nbformat.read(notebook, as_version=4).cells if cell.cell_type == "code"]


def index_of(cells, prefix):
    matches = [i for i, source in enumerate(cells) if without_solution_markers(source).startswith(prefix)]
    if len(matches) != 1:
        raise LookupError(f"kafka.ipynb: expected one code cell starting with {prefix!r}, found {len(matches)}")
    return matches[0]


def groups(notebook=NOTEBOOK) -> dict:
    cells = code_cells(notebook)
    setup = index_of(cells, "import io.streamlab.config.Endpoints;")
    formats = index_of(cells, "ObjectMapper json = new ObjectMapper();")
    tally = index_of(cells, "tally.awaitAcknowledged")
    clean = index_of(cells, "for (int partition = 0; partition < 6; partition++) {\n    Files.deleteIfExists")
    consumer_settings = index_of(cells, "Properties consumerSettings")
    rounds = index_of(cells, "Thread consumerThread")
    return dict(
        SETUP=[cells[setup]],
        PRODUCER=cells[setup + 1:tally + 1],
        # the consumers use the formats cell's ObjectMapper
        CONSUMER_DEFINITIONS=[cells[formats]] + cells[consumer_settings:rounds],
        ROUNDS=cells[rounds],
        CLEAN=[cells[clean]],
    )
