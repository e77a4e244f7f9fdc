"""The evaluation report: ROC curves as inline SVG and a confusion table per rule family."""

from __future__ import annotations

import html
from collections.abc import Sequence

from masthead.standards.training import HeadResult

_COLOURS = ("#1f5fbf", "#c0392b", "#27864a", "#8e44ad", "#d68910")
SIZE = 260
PAD = 30


def _svg(curves: Sequence[HeadResult], title: str) -> str:
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE + 2 * PAD}" '
        f'height="{SIZE + 2 * PAD}" role="img" aria-label="{html.escape(title)}">',
        f'<rect x="{PAD}" y="{PAD}" width="{SIZE}" height="{SIZE}" fill="none" stroke="#999"/>',
        f'<line x1="{PAD}" y1="{PAD + SIZE}" x2="{PAD + SIZE}" y2="{PAD}" stroke="#ccc" '
        'stroke-dasharray="4 4"/>',
        f'<text x="{PAD}" y="{PAD - 10}" font-size="12">{html.escape(title)}</text>',
        f'<text x="{PAD + SIZE / 2}" y="{PAD + SIZE + 22}" font-size="10" '
        'text-anchor="middle">false positive rate</text>',
    ]
    for i, result in enumerate(curves):
        fpr, tpr = result.curve
        points = " ".join(
            f"{PAD + x * SIZE:.1f},{PAD + SIZE - y * SIZE:.1f}"
            for x, y in zip(fpr, tpr, strict=True)
        )
        colour = _COLOURS[i % len(_COLOURS)]
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="1.6"/>'
        )
        parts.append(
            f'<text x="{PAD + SIZE - 4}" y="{PAD + SIZE - 8 - 14 * i}" font-size="10" '
            f'text-anchor="end" fill="{colour}">{html.escape(result.model)} '
            f"AUC {result.auc:.3f}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def render(
    results: Sequence[HeadResult], notes: Sequence[str], engine_rows: Sequence[dict[str, object]]
) -> str:
    groups: dict[tuple[str, str], list[HeadResult]] = {}
    for result in results:
        groups.setdefault((result.head, result.split), []).append(result)
    rows = []
    for result in results:
        c = result.confusion
        rows.append(
            "<tr>"
            + "".join(
                f"<td>{html.escape(str(v))}</td>"
                for v in (
                    result.head,
                    result.split,
                    result.model,
                    f"{result.auc:.3f}",
                    f"{result.fpr_clean:.2%}" if result.fpr_clean == result.fpr_clean else "n/a",
                    f"{result.tpr:.1%}",
                    c["tp"],
                    c["fp"],
                    c["fn"],
                    c["tn"],
                    result.n,
                )
            )
            + "</tr>"
        )
    engine_table = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row.values()) + "</tr>"
        for row in engine_rows
    )
    engine_head = "".join(
        f"<th>{html.escape(k)}</th>" for k in (engine_rows[0] if engine_rows else {})
    )
    charts = "".join(
        f"<figure>{_svg(curves, f'{head} ({split})')}</figure>"
        for (head, split), curves in groups.items()
    )
    note_items = "".join(f"<li>{html.escape(n)}</li>" for n in notes)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Standards engine evaluation</title>
<style>body{{font:14px system-ui,sans-serif;margin:2em;max-width:1100px}}
table{{border-collapse:collapse;margin:1em 0}}td,th{{border:1px solid #ccc;padding:3px 8px;
text-align:right}}figure{{display:inline-block;margin:0 1em 1em 0}}</style></head><body>
<h1>Standards engine evaluation</h1>
<ul>{note_items}</ul>
<h2>ROC curves (held-out splits)</h2>{charts}
<h2>Per rule family, at the publishing threshold (score 0.5)</h2>
<table><tr><th>family</th><th>split</th><th>model</th><th>ROC AUC</th><th>FPR on clean</th>
<th>recall</th><th>TP</th><th>FP</th><th>FN</th><th>TN</th><th>n</th></tr>{"".join(rows)}</table>
<h2>Whole engine on held-out comments</h2>
<table><tr>{engine_head}</tr>{engine_table}</table>
</body></html>
"""
