"""bench/RESULTS.md by sections: the full bench writes the file's head (environment, table, targets);
the long run and runs of some groups only (--only) each own a '## …' section, which a later run of the
same kind replaces. So measuring one part again never loses what the others measured."""
import pathlib

TITLE = "# Streamlab benchmark results\n"


def _bounds(text, heading):
    """(start, end) of the section under `heading` (its line up to the next '## ' heading or the end), or None."""
    start = text.find("\n" + heading + "\n")
    if start < 0:
        return None
    following = text.find("\n## ", start + 1)
    return start, following if following >= 0 else len(text)


def section(path, heading):
    """The section under `heading` of the file at `path`, '' if there is none."""
    path = pathlib.Path(path)
    text = path.read_text() if path.exists() else ""
    bounds = _bounds(text, heading)
    return "" if bounds is None else text[bounds[0] + 1:bounds[1]].rstrip("\n") + "\n"


def replace_section(path, heading, body):
    """Writes `heading` + `body` as a section of the file, in place of an older one of the same
    heading (at the end if there was none), keeping everything else."""
    path = pathlib.Path(path)
    text = path.read_text() if path.exists() else TITLE
    new = f"{heading}\n\n{body.rstrip()}\n"
    bounds = _bounds(text, heading)
    if bounds is None:
        text = text.rstrip("\n") + "\n\n" + new
    else:
        rest = text[bounds[1]:]
        text = text[:bounds[0] + 1] + new + ("\n" + rest.lstrip("\n") if rest.strip() else "")
    path.write_text(text)
