"""Solution regions in one cell's source, and what the exercise version puts in their place.

Pure text work: no notebooks, no files. A region is the lines between a ``// BEGIN SOLUTION`` line and
the next ``// END SOLUTION`` line of the same code cell; it holds whole statements (or a whole method
body), never part of an expression.
"""
import re
from dataclasses import dataclass

BEGIN = re.compile(r"^(?P<indent>[ \t]*)//\s*BEGIN SOLUTION(?:\s*:\s*(?P<task>.*?))?\s*$")
END = re.compile(r"^[ \t]*//\s*END SOLUTION\s*$")
# Any line that mentions a marker, to catch misspelt markers instead of leaving them in an exercise.
MENTIONS_MARKER = re.compile(r"(BEGIN|END)\s+SOLUTION")

DEFAULT_TASK = "write the code of this step"

DETAILS_OPEN = re.compile(r"^\s*<details>\s*<summary>\s*Model answer\s*</summary>", re.IGNORECASE)
DETAILS_CLOSE = re.compile(r"</details>\s*$", re.IGNORECASE)
YOUR_ANSWER = "**Your answer:**"


class RegionError(ValueError):
    """Bad markers in a cell: `line` is 1-based within the cell."""

    def __init__(self, line, message):
        super().__init__(f"line {line}: {message}")
        self.line = line


@dataclass(frozen=True)
class Region:
    begin: int          # index of the BEGIN line (0-based)
    end: int            # index of the END line (0-based)
    indent: str
    task: str           # what the student writes

    @property
    def first_line(self):
        return self.begin + 1


def without_solution_markers(source):
    """A cell's source without its `// BEGIN SOLUTION` / `// END SOLUTION` lines: how the tests, the
    bench and the checker find a cell by its first line of code."""
    return "".join(line for line in source.splitlines(keepends=True)
                   if not BEGIN.match(line.rstrip("\n")) and not END.match(line.rstrip("\n")))


def find_regions(source):
    """The regions of a code cell's source, in order. Raises RegionError on a BEGIN without END,
    an END without BEGIN, a region inside a region, or a line that looks like a marker but is not one."""
    regions = []
    open_region = None
    for index, line in enumerate(source.split("\n")):
        begin = BEGIN.match(line)
        if begin:
            if open_region is not None:
                raise RegionError(index + 1, f"BEGIN SOLUTION inside the region opened on line {open_region[0] + 1}"
                                             " — regions cannot nest; close the first with // END SOLUTION")
            open_region = (index, begin.group("indent"), (begin.group("task") or "").strip() or DEFAULT_TASK)
        elif END.match(line):
            if open_region is None:
                raise RegionError(index + 1, "END SOLUTION without a BEGIN SOLUTION before it in this cell")
            regions.append(Region(open_region[0], index, open_region[1], open_region[2]))
            open_region = None
        elif MENTIONS_MARKER.search(line):
            raise RegionError(index + 1, f"not a marker line: {line.strip()!r} — write '// BEGIN SOLUTION', "
                                         "'// BEGIN SOLUTION: what to write' or '// END SOLUTION' alone on the line")
    if open_region is not None:
        raise RegionError(open_region[0] + 1, "BEGIN SOLUTION without END SOLUTION in this cell — a region cannot "
                                              "span cells; add // END SOLUTION before the cell ends")
    return regions


def java_string(text):
    """`text` as the body of a Java string literal."""
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _code_follows(lines, after):
    """Whether a statement follows line `after` in the same block: the next line that is neither blank
    nor a comment does not close the block. Then a bare `throw` would make it unreachable (a compile
    error), so the exercise uses `if (true) throw`, which Java's reachability rules let pass."""
    for line in lines[after + 1:]:
        stripped = line.strip()
        if not stripped or stripped.startswith("//"):
            continue
        return not stripped.startswith("}")
    return False


def exercise_lines(region, lines):
    """The two lines that replace `region` in the exercise version."""
    throw = f'throw new UnsupportedOperationException("exercise: {java_string(region.task)}");'
    if _code_follows(lines, region.end):
        throw = "if (true) " + throw   # code after the region stays reachable, so the cell compiles
    return [f"{region.indent}// YOUR CODE HERE", f"{region.indent}{throw}"]


def exercise_source(source):
    """The exercise version of a code cell's source, and its regions."""
    regions = find_regions(source)
    lines = source.split("\n")
    out = []
    position = 0
    for region in regions:
        out.extend(lines[position:region.begin])
        out.extend(exercise_lines(region, lines))
        position = region.end + 1
    out.extend(lines[position:])
    return "\n".join(out), regions


def solution_source(source):
    """The cell's source without its marker lines (what the code is without the comments)."""
    find_regions(source)
    return "\n".join(line for line in source.split("\n") if not (BEGIN.match(line) or END.match(line)))


def answerless_markdown(source):
    """A markdown cell without its model answers: each <details><summary>Model answer</summary> …
    </details> block becomes a "Your answer:" line. Returns the text and how many answers it removed."""
    lines = source.split("\n")
    out = []
    removed = 0
    index = 0
    while index < len(lines):
        if DETAILS_OPEN.match(lines[index]):
            start = index
            while not DETAILS_CLOSE.search(lines[index]):
                index += 1
                if index == len(lines):
                    raise RegionError(start + 1, "<details><summary>Model answer</summary> without </details> in this cell")
            out.append(YOUR_ANSWER)
            removed += 1
        else:
            out.append(lines[index])
        index += 1
    return "\n".join(out), removed
