"""Telling readers about replies and decisions, through the notifications app when installed."""

from __future__ import annotations

from typing import Any

from django.apps import apps


def reply_posted(comment: Any) -> None:
    if not apps.is_installed("masthead.notifications"):
        return
    from masthead.notifications.services import notify

    notify(comment.parent.author, {"type": "reply", "comment_id": comment.pk})


def decision_made(comment: Any, decision: str) -> None:
    if comment.author is None or not apps.is_installed("masthead.notifications"):
        return
    from masthead.notifications.services import notify

    notify(comment.author, {"type": "decision", "comment_id": comment.pk, "decision": decision})
