"""A reader's sanctions and appeals in their data export (see masthead.accounts.lifecycle).

Blocks and appeals are about the reader, so a copy of their data includes them. They are not
erased at purge: the Sanction and Appeal rows point at the tombstone account, which holds no
personal data, and the moderators' record of what happened stays.
"""

from __future__ import annotations

from typing import Any

from masthead.moderation.models import Appeal, ReaderNotice, Sanction


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def export(user: Any) -> dict[str, Any]:
    return {
        "sanctions": [
            {
                "kind": s.kind,
                "rule": s.rule,
                "reason": s.reason,
                "permanent": s.permanent,
                "created_at": _iso(s.created_at),
                "ends_at": _iso(s.ends_at),
                "lifted_at": _iso(s.lifted_at),
            }
            for s in Sanction.objects.filter(user=user).order_by("pk")
        ],
        "appeals": [
            {
                "subject": a.subject,
                "explanation": a.explanation,
                "status": a.status,
                "answer": a.answer,
                "created_at": _iso(a.created_at),
                "decided_at": _iso(a.decided_at),
            }
            for a in Appeal.objects.filter(user=user).order_by("pk")
        ],
        "notices": [
            {"text": n.text, "created_at": _iso(n.created_at), "shown_at": _iso(n.shown_at)}
            for n in ReaderNotice.objects.filter(user=user).order_by("pk")
        ],
    }
