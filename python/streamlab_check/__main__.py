"""./streamlab check NOTEBOOK... — see the package docstring."""
from __future__ import annotations

import argparse
import sys

from .checking import BadInput, check_notebook, resolve
from .execution import CouldNotRun
from .table import render

FULL_MARKS, POINTS_LOST, COULD_NOT_RUN = 0, 1, 2


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="./streamlab check",
        description="Runs notebooks in the Java kernel against the cluster and checks their results from outside."
                    " Exit 0 with full marks, 1 with points lost, 2 when a notebook could not be run.")
    parser.add_argument("notebooks", nargs="+", metavar="NOTEBOOK",
                        help="a path to a .ipynb, or a short name (kafka, spark, variance, …): "
                             "notebooks/exercises/NAME.ipynb when it exists, else notebooks/NAME.ipynb")
    parser.add_argument("--as", dest="as_name", metavar="NAME",
                        help="check the notebook(s) with NAME's criteria (for a file named otherwise)")
    arguments = parser.parse_args(argv)

    def say(text):
        print(f"==> {text}", file=sys.stderr, flush=True)

    try:
        targets = [resolve(argument, arguments.as_name) for argument in arguments.notebooks]
    except BadInput as e:
        parser.error(str(e))
    except CouldNotRun as e:
        print(f"streamlab check: {e}", file=sys.stderr)
        return COULD_NOT_RUN
    earned = possible = 0
    for notebook, module in targets:
        say(f"checking {notebook} ({module.NAME})")
        try:
            checked = check_notebook(notebook, module, say=say)
        except CouldNotRun as e:
            print(f"streamlab check: {module.NAME}: {e}", file=sys.stderr)
            return COULD_NOT_RUN
        print(render(checked), flush=True)
        print()
        earned += checked.earned
        possible += checked.possible
    print(f"score: {earned}/{possible}")
    return FULL_MARKS if earned == possible else POINTS_LOST


if __name__ == "__main__":
    sys.exit(main())
