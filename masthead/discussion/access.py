"""Who may do what in a discussion: the guarded checks every write goes through."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import router
from django.utils import timezone
from django.utils.translation import gettext as _

from masthead.core import tokens
from masthead.core.prepared import PreparedQuery
from masthead.newsroom.models import Article


def participation_problem(user: Any) -> str | None:
    """Why this user may not post, react or report right now, in words they can act on."""
    from masthead.discussion.services import NotAllowed

    try:
        check_can_write(user)
    except NotAllowed as refusal:
        return refusal.message
    return None


@dataclass(frozen=True)
class Writer:
    """What the checks found about someone allowed to write: whether a moderator sees their
    comments before the public does."""

    premoderated: bool


def _writer_annotations(now: datetime) -> dict[str, Any]:
    from masthead.accounts import services as accounts

    annotations = accounts.participation_annotations(now)
    if apps.is_installed("masthead.moderation"):
        from masthead.moderation import services as moderation

        annotations.update(moderation.sanction_annotations(now))
    return annotations


def _writer_query(user_id: int, now: datetime) -> Any:
    annotations = _writer_annotations(now)
    return get_user_model().objects.filter(pk=user_id).annotate(**annotations).values(*annotations)


def _user_columns() -> list[str]:
    return [field.attname for field in get_user_model()._meta.concrete_fields]


def _token_writer_query(digest: str, now: datetime) -> Any:
    annotations = _writer_annotations(now)
    rows = tokens.owners(digest).annotate(**annotations)
    return rows.values(*_user_columns(), *annotations)[:1]


# Compiled once: building this SQL costs the ORM more than the database takes to answer it, and
# every post, edit, like and report asks it.
_WRITER = PreparedQuery(_writer_query, user_id=int, now=datetime)
_TOKEN_WRITER = PreparedQuery(_token_writer_query, digest=str, now=datetime)


def writer_for_token(token: str) -> Any:
    """The owner of an API token together with what `check_can_write` asks, in one query.

    A script posting with a token would otherwise ask twice in a row, whose token and may they
    write; the answers are kept on the user object and used by the next `check_can_write`.
    """
    digest = tokens.digest_of(token)
    if digest is None:
        return None
    User = get_user_model()
    alias = router.db_for_write(User)
    row = _TOKEN_WRITER.first(alias, digest=digest, now=timezone.now())
    if row is None:
        return None
    columns = _user_columns()
    user = User.from_db(alias, columns, [row.pop(name) for name in columns])
    user._writer_row = row  # type: ignore[attr-defined]
    return user


def check_can_write(user: Any) -> Writer:
    """Refuse, with the reason, anyone who may not write; one query for every rule.

    Read from the primary: a block issued a moment ago must stop the next post, and a write
    follows anyway.
    """
    from masthead.accounts import services as accounts
    from masthead.discussion.services import NotAllowed

    if user is None or not user.is_authenticated:
        raise NotAllowed(_("Log in or register to take part in the discussion."))
    # Answered together with the token (writer_for_token), once: a second check asks again.
    row = user.__dict__.pop("_writer_row", None)
    if row is None:
        row = _WRITER.first(router.db_for_write(type(user)), user_id=user.pk, now=timezone.now())
    if row is None:
        raise NotAllowed(_("Log in or register to take part in the discussion."))
    reason = accounts.participation_refusal(user, row)
    if reason is not None:
        raise NotAllowed(reason)
    if row.get("mh_block") is not None:
        from masthead.moderation.models import Sanction

        block = Sanction.objects.filter(pk=row["mh_block"]).first()
        if block is not None:
            raise NotAllowed(block.notice_for_reader())
    return Writer(premoderated=bool(row.get("mh_premoderated")))


def can_moderate(user: Any, comment: Any = None) -> bool:
    if user is None or not user.is_authenticated:
        return False
    if apps.is_installed("masthead.moderation"):
        from masthead.moderation.services import can_moderate_comment

        return can_moderate_comment(user, comment)
    return bool(user.is_superuser)


def discussion_is_open(article: Article) -> bool:
    if not article.comments_open or not article.is_public:
        return False
    days = settings.DISCUSSION_CLOSE_AFTER_DAYS
    if days and article.published_at is not None:
        return timezone.now() < article.published_at + timedelta(days=days)
    return True
