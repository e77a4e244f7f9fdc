"""Telling readers about replies and decisions, through the notifications app when installed."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.utils.translation import gettext as _


def _comment_url(comment: Any) -> str:
    return f"{comment.article.get_absolute_url()}#comment-{comment.pk}"


def reply_posted(comment: Any) -> None:
    if not apps.is_installed("masthead.notifications"):
        return
    from masthead.notifications.services import Event, notify

    notify(
        comment.parent.author,
        Event(
            kind="replies",
            title=_("%(name)s replied to your comment") % {"name": comment.author_name},
            body=comment.text[:200],
            url=_comment_url(comment),
        ),
    )


def decision_made(comment: Any, decision: str, message: str = "") -> None:
    """`message` is what the author reads: the decision and, for a rejection, the rule."""
    if comment.author is None or not apps.is_installed("masthead.notifications"):
        return
    from masthead.notifications.services import Event, notify

    titles = {
        "approve": _("Your comment is published"),
        "reject": _("Your comment was not published"),
        "remove": _("Your comment was removed"),
    }
    notify(
        comment.author,
        Event(
            kind="decisions",
            title=titles.get(decision, _("A moderator decided about your comment")),
            body=message[:500],
            url=_comment_url(comment)
            if decision == "approve"
            else comment.article.get_absolute_url(),
        ),
    )
