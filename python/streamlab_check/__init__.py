"""streamlab_check — `./streamlab check NOTEBOOK...`: runs a notebook in the Java kernel against the
cluster and checks what it produced **from outside** (topics read with kafka-python, files re-counted,
parquet read with a plain reader, printed numbers recomputed), never by trusting the notebook's output.

Run as `PYTHONPATH=python /usr/bin/python3 -m streamlab_check NOTEBOOK...`; `./streamlab check` does that.

The contract between the core and a notebook's checks:

- `rubric.Criterion(key, title, points, code=True)`: one line of the rubric; `key` is stable
  ("kafka.producer-format"), `code=False` marks a criterion that is not about the student's code
  (the compose file). `rubric.Result(criterion, earned, checked, hint=None)`: what a check found;
  `checked` says in one sentence what was checked, `hint` (required when points were lost) names
  the likely mistake. `Criterion.full/lost/judge` build Results.
- `execution.Execution(notebook, executed, failure, environment, workdir)`: the notebook as given,
  the executed copy with its outputs, the first failing cell (`CellFailure(index, execution_count,
  ename, evalue)`) or None, the environment the kernel ran with, and the fresh working directory.
  Execution stops at the first failing cell, as Jupyter's Run All does; checks look at what was
  produced before it.
- One module per notebook in `streamlab_check/notebooks/` (social-media.ipynb → social_media.py),
  found with pkgutil (no registry). It defines:
  `NAME` (the notebook's file stem: "kafka", "social-media"), `SERVICES` (a frozenset of "kafka",
  "hdfs", "spark": what the run needs; missing ones are started and stopped again afterwards),
  `environment(workdir) -> dict[str, str]` (short run lengths, unique topics and directories for
  this run), `criteria() -> list[Criterion]`, and `check(execution) -> list[Result]` (one Result per
  criterion, in the criteria's order; a wrong answer is a Result with a hint, never an exception).
  Optionally `supply(environment)`: a context manager that runs around the execution (the spark
  checks keep kafka.ipynb's producer running in it).

The output is one table per notebook and a last line `score: X/Y`; the exit status is 0 with full
marks, 1 with points lost, 2 when a notebook could not be run (with the reason on stderr).
"""
