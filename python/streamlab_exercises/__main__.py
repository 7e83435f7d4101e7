"""`./streamlab exercises [--force] [NAME...]`: writes notebooks/exercises/NAME.ipynb."""
import argparse
import sys
from pathlib import Path

from .generate import generate, notebook_folders, solution_notebooks


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="./streamlab exercises",
        description="Writes the exercise version of each notebook in notebooks/ to notebooks/exercises/: "
                    "every solution region becomes // YOUR CODE HERE and a throw that says what to write. "
                    "An exercise you changed is left as it is unless --force.")
    parser.add_argument("--force", action="store_true", help="overwrite exercises even if you changed them")
    parser.add_argument("--repo", default=str(Path(__file__).resolve().parents[2]), help=argparse.SUPPRESS)
    parser.add_argument("names", nargs="*", metavar="NAME", help="kafka, spark, … (default: every notebook)")
    args = parser.parse_args(argv)
    notebooks_dir, exercises_dir = notebook_folders(args.repo)
    failed = False
    for path in solution_notebooks(notebooks_dir, args.names):
        if not path.exists():
            print(f"{path.name}: no such notebook in {notebooks_dir}", file=sys.stderr)
            failed = True
            continue
        outcome = generate(path, exercises_dir, force=args.force)
        print(outcome.message, file=sys.stderr if outcome.status == "error" else sys.stdout)
        failed |= outcome.status == "error"
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
