"""Small charts drawn on our server as SVG: no scripts, no third-party libraries.

Every label goes through `escape`; colours are presentation attributes (the site's
Content-Security-Policy forbids inline styles, not SVG attributes).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

COLOURS = {
    "published": "#2e7d32",
    "held": "#f9a825",
    "rejected": "#c62828",
    "removed": "#6a1b9a",
    "bar": "#1565c0",
    "line": "#00838f",
}


def _svg(width: int, height: int, title: str, body: list[str]) -> SafeString:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>'
    )
    return mark_safe(head + "".join(body) + "</svg>")  # noqa: S308 - labels escaped above


def stacked_bars(
    title: str, labels: Sequence[str], series: Mapping[str, Sequence[int]], height: int = 220
) -> SafeString:
    """One column per label, its series stacked bottom-up, with a legend."""
    width = max(320, 24 * len(labels) + 60)
    plot_h = height - 60
    totals = [sum(values[i] for values in series.values()) for i in range(len(labels))]
    top = max(totals or [0]) or 1
    step = (width - 50) / max(1, len(labels))
    body = [f'<line x1="40" y1="{plot_h + 10}" x2="{width}" y2="{plot_h + 10}" stroke="#999"/>']
    body.append(f'<text x="0" y="18" font-size="11">{top}</text>')
    for i, label in enumerate(labels):
        x = 45 + i * step
        y = float(plot_h + 10)
        for name, values in series.items():
            h = values[i] / top * plot_h
            if h <= 0:
                continue
            y -= h
            body.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{step * 0.8:.1f}" height="{h:.1f}" '
                f'fill="{COLOURS.get(name, COLOURS["bar"])}"><title>{escape(label)} '
                f"{escape(name)}: {values[i]}</title></rect>"
            )
        if i % 7 == 0:
            body.append(
                f'<text x="{x:.1f}" y="{plot_h + 25}" font-size="10">{escape(label)}</text>'
            )
    x = 45
    for name in series:
        body.append(
            f'<rect x="{x}" y="{height - 18}" width="10" height="10" '
            f'fill="{COLOURS.get(name, COLOURS["bar"])}"/>'
            f'<text x="{x + 14}" y="{height - 9}" font-size="11">{escape(name)}</text>'
        )
        x += 20 + 8 * len(name)
    return _svg(width, height, title, body)


def _short(label: str, limit: int = 28) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def horizontal_bars(title: str, rows: Sequence[tuple[str, int]]) -> SafeString:
    height = 24 * max(1, len(rows)) + 10
    width = 520
    top = max((n for _label, n in rows), default=0) or 1
    body = []
    for i, (label, n) in enumerate(rows):
        y = 5 + i * 24
        w = n / top * (width - 230)
        body.append(
            f'<text x="0" y="{y + 14}" font-size="12">{escape(_short(label))}</text>'
            f'<rect x="200" y="{y}" width="{w:.1f}" height="18" fill="{COLOURS["bar"]}"/>'
            f'<text x="{205 + w:.1f}" y="{y + 14}" font-size="12">{n}</text>'
        )
    if not rows:
        body.append('<text x="0" y="20" font-size="12">No data yet.</text>')
    return _svg(width, height, title, body)


def line(title: str, labels: Sequence[str], values: Sequence[float | None]) -> SafeString:
    width, height = max(320, 24 * len(labels) + 60), 180
    plot_h = height - 40
    known = [v for v in values if v is not None]
    top = max(known or [0]) or 1
    step = (width - 50) / max(1, len(labels) - 1)
    points = [
        f"{45 + i * step:.1f},{10 + plot_h - v / top * plot_h:.1f}"
        for i, v in enumerate(values)
        if v is not None
    ]
    body = [
        f'<line x1="40" y1="{plot_h + 10}" x2="{width}" y2="{plot_h + 10}" stroke="#999"/>',
        f'<text x="0" y="18" font-size="11">{top:g}</text>',
    ]
    if points:
        body.append(
            f'<polyline fill="none" stroke="{COLOURS["line"]}" stroke-width="2" '
            f'points="{" ".join(points)}"/>'
        )
    for i, label in enumerate(labels):
        if i % 7 == 0:
            body.append(
                f'<text x="{45 + i * step:.1f}" y="{plot_h + 25}" font-size="10">'
                f"{escape(label)}</text>"
            )
    return _svg(width, height, title, body)
