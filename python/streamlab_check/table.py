"""The checker's printout: per notebook, one table row per criterion, then the total."""
from __future__ import annotations

import shutil
import textwrap

from .checking import Checked

POINTS_WIDTH = 6


def render(checked: Checked, width: int | None = None) -> str:
    """The notebook's header line, where it stopped if it did, and the table: criterion, points,
    what was checked, and for a lost point a hint naming the likely mistake."""
    width = width or max(80, min(shutil.get_terminal_size((120, 24)).columns, 160))
    execution = checked.execution
    code_cells = len(execution.code_cells())
    lines = [f"{checked.name}: {execution.notebook} ({checked.seconds:.0f} s)"]
    if execution.failure:
        lines.append(f"  stopped at {execution.failure.describe()}")
    else:
        lines.append(f"  all {code_cells} code cells ran")
    title_width = min(44, max(len(result.criterion.title) for result in checked.results))
    text_width = max(30, width - title_width - POINTS_WIDTH - 6)
    lines.append(f"  {'criterion':<{title_width}}  {'points':<{POINTS_WIDTH}}  what was checked")
    lines.append("  " + "-" * (title_width + POINTS_WIDTH + 4 + text_width))
    for result in checked.results:
        titles = textwrap.wrap(result.criterion.title, title_width) or [""]
        texts = textwrap.wrap(result.checked, text_width)
        if result.hint:
            texts += textwrap.wrap("hint: " + result.hint, text_width, subsequent_indent="      ")
        points = f"{result.earned}/{result.criterion.points}"
        for i in range(max(len(titles), len(texts))):
            title = titles[i] if i < len(titles) else ""
            text = texts[i] if i < len(texts) else ""
            lines.append(f"  {title:<{title_width}}  {points if i == 0 else '':<{POINTS_WIDTH}}  {text}".rstrip())
    lines.append(f"  {checked.name}: {checked.earned}/{checked.possible}")
    return "\n".join(lines)
