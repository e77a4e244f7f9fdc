"""The evidence of a finding, marked in the comment's text, safely.

The text is escaped piece by piece and only our own `<mark>` tags are added between the pieces,
so nothing in a comment (or in a stale or malformed span) can inject markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def spans_of(verdict: Any) -> list[tuple[int, int, str]]:
    """(start, end, rule) for every evidence span of every finding in a stored verdict."""
    found: list[tuple[int, int, str]] = []
    if not isinstance(verdict, dict):
        return found
    for finding in verdict.get("findings") or []:
        if not isinstance(finding, dict):
            continue
        for item in finding.get("evidence") or []:
            if not isinstance(item, dict):
                continue
            start, end = item.get("start"), item.get("end")
            if isinstance(start, int) and isinstance(end, int):
                found.append((start, end, str(finding.get("rule", ""))))
    return found


def highlight(text: str, spans: Iterable[tuple[int, int, str]]) -> SafeString:
    """Escape `text` and wrap each span in <mark>; overlapping spans merge, bad ones are dropped."""
    cleaned = sorted(
        (max(0, start), min(len(text), end), rule)
        for start, end, rule in spans
        if 0 <= start < end and start < len(text)
    )
    merged: list[list[Any]] = []
    for start, end, rule in cleaned:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            if rule and rule not in merged[-1][2]:
                merged[-1][2].append(rule)
        else:
            merged.append([start, end, [rule] if rule else []])
    out: list[str] = []
    position = 0
    for start, end, rules in merged:
        out.append(escape(text[position:start]))
        title = escape(", ".join(rules))
        out.append(f'<mark title="{title}">{escape(text[start:end])}</mark>')
        position = end
    out.append(escape(text[position:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped
