"""Who may do what in a discussion: the guarded checks every write goes through."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.apps import apps
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from masthead.newsroom.models import Article


def participation_problem(user: Any) -> str | None:
    """Why this user may not post, react or report right now, in words they can act on."""
    from masthead.discussion.services import NotAllowed

    try:
        check_can_write(user)
    except NotAllowed as refusal:
        return refusal.message
    return None


def check_can_write(user: Any) -> None:
    from masthead.discussion.services import NotAllowed

    if user is None or not user.is_authenticated:
        raise NotAllowed(_("Log in or register to take part in the discussion."))
    from masthead.accounts.services import can_participate

    allowed, reason = can_participate(user)
    if not allowed:
        raise NotAllowed(reason)
    if apps.is_installed("masthead.moderation"):
        from masthead.moderation.services import active_block

        block = active_block(user)
        if block is not None:
            raise NotAllowed(block.notice_for_reader())


def can_moderate(user: Any, comment: Any = None) -> bool:
    if user is None or not user.is_authenticated:
        return False
    if apps.is_installed("masthead.moderation"):
        from masthead.moderation.services import can_moderate_comment

        return can_moderate_comment(user, comment)
    return bool(user.is_superuser)


def is_premoderated(user: Any) -> bool:
    if apps.is_installed("masthead.moderation"):
        from masthead.moderation.services import is_premoderated as check

        return check(user)
    return False


def discussion_is_open(article: Article) -> bool:
    if not article.comments_open or not article.is_public:
        return False
    days = settings.DISCUSSION_CLOSE_AFTER_DAYS
    if days and article.published_at is not None:
        return timezone.now() < article.published_at + timedelta(days=days)
    return True
