"""Charts drawn on the server as SVG geometry: numbers in, coordinate strings out.

No JavaScript and no inline styles (the Content-Security-Policy forbids both); the templates
style the shapes with classes from datadesk.css.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    line: str  # the "points" attribute of a <polyline>
    area: str  # the same line closed along the bottom edge, for a filled <polygon>
    peak: int


def daily_changes(totals: Sequence[int | None]) -> list[int]:
    """New cases per day from running totals; a correction downwards draws as zero."""
    changes = []
    for previous, current in pairwise(totals):
        if previous is None or current is None:
            changes.append(0)
        else:
            changes.append(max(current - previous, 0))
    return changes


def rolling_mean(values: Sequence[int], window: int) -> list[int]:
    means = []
    running = 0
    for index, value in enumerate(values):
        running += value
        if index >= window:
            running -= values[index - window]
        means.append(round(running / min(index + 1, window)))
    return means


def chart(values: Sequence[int], *, width: int, height: int, pad: int = 1) -> Chart | None:
    if len(values) < 2:
        return None
    peak = max(values)
    scale = (height - 2 * pad) / peak if peak else 0
    step = (width - 2 * pad) / (len(values) - 1)
    coords = [
        f"{pad + index * step:.1f},{height - pad - value * scale:.1f}"
        for index, value in enumerate(values)
    ]
    line = " ".join(coords)
    area = f"{pad:.1f},{height - pad:.1f} {line} {width - pad:.1f},{height - pad:.1f}"
    return Chart(width=width, height=height, line=line, area=area, peak=peak)
