"""Moderators' decisions as labelled examples for the standards engine.

`manage.py standards train --with-decisions` calls the function named by the
STANDARDS_DECISIONS_SOURCE setting (this module's `decision_examples` by default) and adds what
it returns to the public training sets; `manage.py moderation_export` writes the same rows as
JSONL for `--with-decisions PATH`. The engine reads plain dicts, so it imports nothing of ours.

A row: {"text": ..., "label": "clean" | <rule code>, "decision": <id>}. Approved comments are
clean; a rejection carries the rule the moderator named. Removals carry no rule and are left out.
When moderators disagreed about the same text, the latest decision wins.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from masthead.moderation.models import Decision


def decision_examples() -> Iterator[dict[str, Any]]:
    latest: dict[str, dict[str, Any]] = {}
    rows = (
        Decision.objects.filter(outcome__in=[Decision.Outcome.APPROVE, Decision.Outcome.REJECT])
        .order_by("created_at", "id")
        .values_list("id", "text", "outcome", "rule")
    )
    for ident, text, outcome, rule in rows.iterator(chunk_size=2000):
        key = " ".join(text.split()).lower()
        if not key:
            continue
        label = "clean" if outcome == Decision.Outcome.APPROVE else rule
        latest[key] = {"text": text, "label": label, "decision": ident}
    yield from latest.values()


def export_jsonl(path: Path) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as handle:
        for row in decision_examples():
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    return count
