"""Telling readers about replies and decisions, through the notifications app when installed."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.utils.translation import gettext as _


def reply_posted(comment: Any) -> None:
    if not apps.is_installed("masthead.notifications"):
        return
    from masthead.notifications.models import TopicKind
    from masthead.notifications.services import Event, notify

    notify(
        comment.parent.author,
        Event(
            kind=TopicKind.REPLIES,
            title=_("%(name)s replied to your comment") % {"name": comment.author_name},
            body=comment.text[:200],
            url=f"{comment.article.get_absolute_url()}#comment-{comment.pk}",
        ),
    )


def decision_made(comment: Any, decision: str, message: str = "") -> None:
    """`message` is what the author reads: the decision in plain words and, for a rejection,
    the rule (moderation.services.decide passes it)."""
    if comment.author is None or not apps.is_installed("masthead.notifications"):
        return
    from masthead.notifications.models import TopicKind
    from masthead.notifications.services import Event, notify

    titles = {
        "approve": _("Your comment is published"),
        "reject": _("Your comment was not published"),
        "remove": _("Your comment was removed"),
        "hold": _("Your comment is waiting for a moderator"),
    }
    url = comment.article.get_absolute_url()
    if decision == "approve":
        url += f"#comment-{comment.pk}"
    notify(
        comment.author,
        Event(
            kind=TopicKind.DECISIONS,
            title=titles.get(decision, _("A moderator decided about your comment")),
            body=(message or decision)[:500],
            url=url,
        ),
    )
