"""Every write of the discussion goes through one of these functions.

HTML views, the JSON API, the moderation workspace and commands call the same functions, so a
rule (who may post, the standards review, rate limits, idempotency) lives in one place.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connections, router, transaction
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.constants import OnConflict
from django.db.models.functions import Coalesce
from django.db.models.sql import InsertQuery
from django.utils import timezone
from django.utils.translation import gettext as _

from masthead.core import pagecache
from masthead.core.cache import count_in_window, one_round_trip
from masthead.core.refusals import UserFacingError
from masthead.discussion import access, live
from masthead.discussion.models import Comment, CommentRevision, Reaction, Report
from masthead.newsroom.models import Article


class DiscussionError(UserFacingError):
    """A refusal the reader can act on; `status` is the HTTP status adapters answer with."""


class NotAllowed(DiscussionError):
    status = 403


class RateLimited(DiscussionError):
    status = 429


@dataclass
class Outcome:
    comment: Comment
    created: bool
    message: str

    @property
    def published(self) -> bool:
        return self.comment.status == Comment.Status.PUBLISHED


# Lone surrogates: what invalid UTF-8 decoded with "surrogateescape" leaves, never text.
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(raw: Any) -> str:
    """Normalise line endings and refuse what no comment may hold, with a clear reason."""
    if not isinstance(raw, str):
        raise DiscussionError(_("The comment must be text."))
    if "\x00" in raw:
        raise DiscussionError(_("The comment contains a NUL character, which is not allowed."))
    if _SURROGATE.search(raw):
        raise DiscussionError(_("The comment contains characters that are not valid text."))
    text = raw.replace("\r\n", "\n").replace("\r", "\n").strip()
    limit = settings.COMMENT_MAX_LENGTH
    if len(text) > limit:
        raise DiscussionError(
            _("The comment is %(length)d characters long; the limit is %(limit)d.")
            % {"length": len(text), "limit": limit}
        )
    if not any(unicodedata.category(ch)[0] in "LNPS" for ch in text):
        raise DiscussionError(_("Write at least one visible character."))
    return text


def _rate_limit(user_id: int, action: str, limit: int, seconds: int) -> None:
    if count_in_window(f"discussion:rate:{action}:{user_id}", seconds) > limit:
        raise RateLimited(
            _("You are doing this too often. Please wait a minute and try again."), status=429
        )


def _invalidate(article: Article) -> None:
    def bump() -> None:
        pagecache.bump(pagecache.object_version_key("article", article.slug))

    transaction.on_commit(bump)


def _review(text: str, article: Article, author: Any, *, is_reply: bool) -> Any:
    from masthead.standards.service import review_comment

    return review_comment(
        text,
        article_title=article.headline,
        article_text=article.body_text,
        author_id=str(author.pk),
        is_reply=is_reply,
    )


def _status_for(verdict: Any, writer: access.Writer) -> str:
    action = str(getattr(verdict.action, "value", verdict.action))
    if action == "reject":
        return Comment.Status.REJECTED
    if action == "hold" or writer.premoderated:
        return Comment.Status.HELD
    return Comment.Status.PUBLISHED


def _message_for(comment: Comment, verdict: Any) -> str:
    if comment.status == Comment.Status.PUBLISHED:
        return _("Your comment is published.")
    explanation = verdict.explanation_for_author()
    if explanation:
        return str(explanation)
    if comment.status == Comment.Status.HELD:
        return _("Your comment is waiting for a moderator.")
    return _("Your comment was not published because it breaks our community standards.")


def submit_comment(
    *,
    author: Any,
    article: Article,
    text: Any,
    parent: Comment | None = None,
    idempotency_key: str | None = None,
) -> Outcome:
    """Check, review and store a comment or reply; publish, hold or reject it."""
    writer = access.check_can_write(author)
    if not access.discussion_is_open(article):
        raise NotAllowed(_("The discussion of this article is closed."))
    text = clean_text(text)
    if idempotency_key is not None:
        # A repeated key is found by the insert itself (the unique constraint), not by a query
        # first: a retry is rare, a query on every post is not.
        idempotency_key = clean_key(idempotency_key)
    if parent is not None:
        if parent.article_id != article.pk:
            raise DiscussionError(_("You can only reply to a comment under the same article."))
        if not parent.is_public:
            raise DiscussionError(_("You can only reply to a published comment."))
    try:
        _rate_limit(author.pk, "post", settings.COMMENT_RATE_PER_MINUTE, 60)
    except RateLimited:
        # A client retrying a post that was stored (its answer got lost) is not posting again:
        # it gets the comment, not a 429. Asked only here, so no post pays for the lookup.
        stored = _already_posted(author, idempotency_key)
        if stored is None:
            raise
        return stored
    verdict = _review(text, article, author, is_reply=parent is not None)
    comment = Comment(
        article=article,
        author=author,
        parent=parent,
        root=(parent.root or parent) if parent is not None else None,
        depth=(parent.depth + 1) if parent is not None else 0,
        text=text,
        verdict=verdict.as_dict(),
        risk=float(verdict.score),
        idempotency_key=idempotency_key,
    )
    comment.status = _status_for(verdict, writer)
    if not _store_new(comment):
        # The same key again (a double-submitted form, a client's retry): the first one stands.
        stored = _already_posted(author, idempotency_key)
        if stored is None:
            raise DiscussionError(_("This comment could not be saved. Please try again."))
        return stored
    if comment.status == Comment.Status.PUBLISHED and parent is not None:
        _notify_reply(comment)
    _second_look_later(comment)
    return Outcome(comment, True, _message_for(comment, verdict))


def _already_posted(author: Any, idempotency_key: str | None) -> Outcome | None:
    if idempotency_key is None:
        return None
    existing = Comment.objects.filter(author=author, idempotency_key=idempotency_key).first()
    if existing is None:
        return None
    return Outcome(existing, False, _message_for(existing, _Stored(existing)))


def _store_new(comment: Comment) -> bool:
    """Insert a new comment and, when it is public, count it, atomically; False when its author
    already posted a comment with the same idempotency key."""
    alias = router.db_for_write(Comment)
    if connections[alias].vendor == "postgresql":
        if not _insert_counted(comment, alias):
            return False
        if comment.status == Comment.Status.PUBLISHED:
            _published_after_commit(comment)
        return True
    try:
        with transaction.atomic(using=alias):
            comment.save(using=alias)
            if comment.status == Comment.Status.PUBLISHED:
                _published(comment)
    except IntegrityError:
        if comment.idempotency_key is None:
            raise
        return False
    return True


_INSERTS: dict[str, tuple[str, list[Any]]] = {}


def _insert_statement(comment: Comment, alias: str) -> tuple[str, list[Any]]:
    """The comment's INSERT … ON CONFLICT DO NOTHING RETURNING id, and its parameters.

    The SQL is the ORM's, compiled once per database: it is the same for every comment (each
    value is a parameter), and compiling it cost more CPU than the database spends inserting.
    Each value is prepared as the ORM's insert compiler prepares it (pre_save, then
    get_db_prep_save); tests compare the two.
    """
    connection = connections[alias]
    found = _INSERTS.get(alias)
    if found is None:
        fields = [f for f in Comment._meta.concrete_fields if not f.primary_key]
        for field in fields:
            field.pre_save(comment, add=True)
        query = InsertQuery(Comment, on_conflict=OnConflict.IGNORE)
        query.insert_values(fields, [comment])
        compiler = query.get_compiler(using=alias)
        compiler.returning_fields = [Comment._meta.pk]
        [(sql, _params)] = compiler.as_sql()
        found = _INSERTS[alias] = (sql, fields)
    sql, fields = found
    params = [f.get_db_prep_save(f.pre_save(comment, add=True), connection) for f in fields]
    return sql, params


def _insert_counted(comment: Comment, alias: str) -> bool:
    """PostgreSQL: insert the comment and count it in one round trip.

    Every post of a busy story updates the same row, the article's counter, and a row lock is
    held until its transaction's commit has reached the disk (about 3.6 ms on this project's
    machines, see bench/README.md). Inside one durable transaction the posts to one article
    would queue on that lock, one fsync each, and could never commit together: about 270 a
    second at most, whatever the CPUs. So, outside a caller's transaction:

    - the INSERT commits on its own, durably; concurrent inserts share one WAL flush;
    - the counter moves in a second transaction with ``synchronous_commit`` off, which commits
      (and drops the lock) without waiting for the disk.

    The comment is never at risk; only a counter increment can be lost, by a database crash in
    the fraction of a second before the WAL writer flushes it. A count is derived data:
    ``manage.py discussion recount`` rebuilds it, and the scheduler runs it when it starts
    and every 15 minutes (``discussion.tasks``).
    ``lastval()`` is the id the INSERT drew even when ON CONFLICT skipped the row, so the
    counter moves only for a row that exists (a repeated idempotency key inserts nothing).

    Inside a caller's transaction (a test, a command) the two parts are one data-modifying
    WITH statement, atomic with the rest of that transaction.
    """
    connection = connections[alias]
    insert_sql, params = _insert_statement(comment, alias)
    counted = comment.status == Comment.Status.PUBLISHED
    if counted:
        quote = connection.ops.quote_name
        table = quote(Article._meta.db_table)
        count = quote(str(Article._meta.get_field("comment_count").column))
        pk = quote(str(Article._meta.pk.column))
        # Names come from the models' metadata and every value is a parameter.
        update = f"UPDATE {table} SET {count} = {count} + 1 WHERE {pk} = %s"  # noqa: S608
        params.append(comment.article_id)
    if connection.in_atomic_block:
        sql = f"WITH new AS ({insert_sql})"
        if counted:
            sql += f", counted AS ({update} AND EXISTS (SELECT 1 FROM new))"  # noqa: S608
        sql += " SELECT * FROM new"
    else:
        # Several statements in one simple query: Django's psycopg cursors bind parameters on
        # the client, so this is one message and one round trip.
        sql = insert_sql
        if counted:
            comments = quote(Comment._meta.db_table)
            comment_pk = quote(str(Comment._meta.pk.column))
            exists = f"EXISTS (SELECT 1 FROM {comments} WHERE {comment_pk} = lastval())"  # noqa: S608
            sql += (
                f"; COMMIT; BEGIN; SET LOCAL synchronous_commit TO off; {update} AND {exists}; "
                "COMMIT"
            )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return False
    comment.pk = row[0]
    comment._state.adding = False
    comment._state.db = alias
    return True


class _Stored:
    """The stored verdict of a comment, with the same explanation method as a fresh one."""

    def __init__(self, comment: Comment) -> None:
        self.comment = comment

    def explanation_for_author(self) -> str:
        return str(self.comment.verdict.get("explanation", ""))


def _published(comment: Comment) -> None:
    """Counters and caches follow a comment becoming public (inside the caller's transaction)."""
    Article.objects.filter(pk=comment.article_id).update(comment_count=F("comment_count") + 1)
    _published_after_commit(comment)


def _published_after_commit(comment: Comment) -> None:
    slug, article_id, comment_id = comment.article.slug, comment.article_id, comment.pk

    def tell() -> None:
        with one_round_trip():
            pagecache.bump(pagecache.object_version_key("article", slug))
            live.announce(article_id, comment_id)

    transaction.on_commit(tell)


def _unpublished(comment: Comment) -> None:
    Article.objects.filter(pk=comment.article_id, comment_count__gt=0).update(
        comment_count=F("comment_count") - 1
    )
    _invalidate(comment.article)


def recount_comments(*, since: datetime | None = None) -> int:
    """Set each article's comment counter to the number of its public comments; with `since`,
    only articles with a comment posted since then. Returns how many counters were wrong.

    Counters are kept by every write; this repairs the one way they can drift (a database crash
    right after a post, see `_insert_counted`). One UPDATE per batch, comparing in the database,
    so a sweep of quiet articles writes nothing.
    """
    articles = Article.objects.all()
    if since is not None:
        recent = Comment.objects.filter(created_at__gte=since).values("article_id")
        articles = articles.filter(pk__in=recent)
    visible = (
        Comment.objects.visible()
        .filter(article=OuterRef("pk"))
        .order_by()
        .values("article")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        articles.annotate(actual=Coalesce(Subquery(visible), 0))
        .exclude(comment_count=F("actual"))
        .update(comment_count=F("actual"))
    )


def set_status(comment: Comment, status: str, *, expected: str | None = None) -> bool:
    """Move a comment to another status (a moderator's decision), keeping counts and caches right.

    With `expected`, the change is a conditional UPDATE that only happens while the comment still
    has that status, so two deciders racing each other change it once; returns whether it did.
    """
    if status not in Comment.Status.values:
        raise DiscussionError(_("%(status)s is not a comment status.") % {"status": status})
    with transaction.atomic():
        rows = Comment.objects.filter(pk=comment.pk)
        if expected is not None:
            rows = rows.filter(status=expected)
        was_public = expected == Comment.Status.PUBLISHED and not comment.author_hidden
        if expected is None:
            current = rows.values_list("status", "author_hidden").first()
            if current is None:
                return False
            was_public = current[0] == Comment.Status.PUBLISHED and not current[1]
        if not rows.update(status=status):
            return False
        comment.status = status
        if was_public and not comment.is_public:
            _unpublished(comment)
        elif not was_public and comment.is_public:
            _published(comment)
            if comment.parent_id is not None:
                transaction.on_commit(lambda: _notify_reply(comment))
        else:
            _invalidate(comment.article)
    return True


def _second_look_later(comment: Comment) -> None:
    """Ask the background to read a comment again when the engine published it unsure
    (``masthead/standards/second_look.py``): the reading takes twenty times the review, so the
    poster never waits for it."""
    if comment.status != Comment.Status.PUBLISHED:
        return
    from masthead.standards.service import second_look_wanted

    if not second_look_wanted(comment.verdict):
        return
    comment_id = comment.pk

    def enqueue() -> None:
        from masthead.discussion import tasks

        tasks.second_look.enqueue(comment_id)

    transaction.on_commit(enqueue)


def hold_after_second_look(comment_id: int) -> bool:
    """The background's second reading of a published comment: held for a moderator when the
    sentence model reads it as abuse. Returns whether it was held.

    The hold only happens while the comment is still published with the text that was read:
    an edit in between was reviewed on its own (and asked for its own second look), and a
    comment a moderator already took out stays where they put it.
    """
    from masthead.standards.service import second_look_finding

    comment = Comment.objects.select_related("article").filter(pk=comment_id).first()
    if comment is None or comment.status != Comment.Status.PUBLISHED:
        return False
    stored = second_look_finding(comment.text, comment.verdict)
    if stored is None:
        return False
    with transaction.atomic():
        changed = Comment.objects.filter(
            pk=comment.pk, status=Comment.Status.PUBLISHED, text=comment.text
        ).update(status=Comment.Status.HELD, verdict=stored, risk=stored["score"])
        if not changed:
            return False
        was_public = comment.is_public
        comment.status, comment.verdict, comment.risk = (
            Comment.Status.HELD,
            stored,
            stored["score"],
        )
        if was_public:
            _unpublished(comment)
        else:
            _invalidate(comment.article)
    from masthead.discussion import notify

    # The author saw it published: they are told why it went, in the publisher's words.
    notify.decision_made(comment, "hold", str(stored.get("explanation", "")))
    return True


def second_look_recent(*, since: datetime) -> tuple[int, int]:
    """Read again the published comments posted or edited since then that the engine was unsure
    of (after the second look is switched on, or a new head ships); returns (read, held)."""
    from masthead.standards.service import second_look_wanted

    recent = Comment.objects.filter(status=Comment.Status.PUBLISHED).filter(
        Q(created_at__gte=since) | Q(edited_at__gte=since)
    )
    read = held = 0
    for comment_id, verdict in recent.values_list("pk", "verdict").iterator():
        if not second_look_wanted(verdict):
            continue
        read += 1
        held += hold_after_second_look(comment_id)
    return read, held


def _notify_reply(comment: Comment) -> None:
    parent = comment.parent
    if parent is None or parent.author_id is None or parent.author_id == comment.author_id:
        return
    from masthead.discussion import notify

    notify.reply_posted(comment)


def edit_comment(*, editor: Any, comment: Comment, text: Any) -> Outcome:
    """The author's edit is reviewed again; a moderator's edit is kept as written."""
    is_staff_edit = access.can_moderate(editor, comment)
    writer = access.Writer(premoderated=False)
    if not is_staff_edit:
        writer = access.check_can_write(editor)
        if comment.author_id != editor.pk:
            raise NotAllowed(_("You can only edit your own comments."))
        if comment.status not in {Comment.Status.PUBLISHED, Comment.Status.HELD}:
            raise NotAllowed(_("This comment can no longer be edited."))
    text = clean_text(text)
    if text == comment.text:
        return Outcome(comment, False, _("Nothing changed."))
    was_public = comment.is_public
    with transaction.atomic():
        locked = Comment.objects.select_for_update().get(pk=comment.pk)
        CommentRevision.objects.create(
            comment=locked, text=locked.text, verdict=locked.verdict, edited_by=editor
        )
        locked.text = text
        locked.edited_at = timezone.now()
        if is_staff_edit:
            fields = ["text", "edited_at"]
        else:
            verdict = _review(text, locked.article, editor, is_reply=locked.parent_id is not None)
            locked.verdict = verdict.as_dict()
            locked.risk = float(verdict.score)
            locked.status = _status_for(verdict, writer)
            fields = ["text", "edited_at", "verdict", "risk", "status"]
        locked.save(update_fields=fields)
        if was_public and not locked.is_public:
            _unpublished(locked)
        elif not was_public and locked.is_public:
            _published(locked)
        else:
            _invalidate(locked.article)
        if is_staff_edit:
            from masthead.discussion import audit

            audit.record(editor, "edit", locked, _("Edited by staff"))
        else:
            _second_look_later(locked)
    message = _("The comment is saved.") if is_staff_edit else _message_for(locked, _Stored(locked))
    return Outcome(locked, False, message)


def delete_comment(*, user: Any, comment: Comment) -> Comment:
    if comment.author_id != user.pk:
        raise NotAllowed(_("You can only delete your own comments."))
    if comment.status == Comment.Status.DELETED:
        return comment
    with transaction.atomic():
        was_public = comment.is_public
        Comment.objects.filter(pk=comment.pk).update(status=Comment.Status.DELETED)
        comment.status = Comment.Status.DELETED
        if was_public:
            _unpublished(comment)
    return comment


def react(*, user: Any, comment: Comment, on: bool = True) -> int:
    """Like (or unlike) a published comment; returns the new like count."""
    access.check_can_write(user)
    if not comment.is_public:
        raise DiscussionError(_("You can only like a published comment."))
    if comment.author_id == user.pk:
        raise DiscussionError(_("You cannot like your own comment."))
    _rate_limit(user.pk, "react", settings.COMMENT_RATE_PER_MINUTE * 6, 60)
    with transaction.atomic():
        if on:
            _reaction, created = Reaction.objects.get_or_create(comment=comment, user=user)
            if created:
                Comment.objects.filter(pk=comment.pk).update(like_count=F("like_count") + 1)
        else:
            deleted, _details = Reaction.objects.filter(comment=comment, user=user).delete()
            if deleted:
                Comment.objects.filter(pk=comment.pk, like_count__gt=0).update(
                    like_count=F("like_count") - 1
                )
        _invalidate(comment.article)
    return Comment.objects.values_list("like_count", flat=True).get(pk=comment.pk)


def report_comment(*, user: Any, comment: Comment, rule: str, note: str = "") -> Report:
    from masthead.discussion.rules import rule_choices

    access.check_can_write(user)
    if rule not in dict(rule_choices()):
        raise DiscussionError(_("Choose one of the rules of the community standards."))
    note = clean_note(note)
    if not comment.is_public:
        raise DiscussionError(_("This comment is not public."))
    if comment.author_id == user.pk:
        raise DiscussionError(_("You cannot report your own comment."))
    _rate_limit(user.pk, "report", 10, 60)
    with transaction.atomic():
        report, created = Report.objects.get_or_create(
            comment=comment, reporter=user, defaults={"rule": rule, "note": note}
        )
        if created:
            Comment.objects.filter(pk=comment.pk).update(report_count=F("report_count") + 1)
    return report


def clean_key(key: Any) -> str:
    """A client's idempotency key: printable ASCII (our forms send a UUID), at most 64 long.

    Checked, not trimmed: a NUL byte in it was stored on SQLite and failed as a 500 on
    PostgreSQL, and a cut-off key could make two different posts look like one.
    """
    key = str(key)
    if not key or len(key) > 64 or not all(" " < ch <= "~" for ch in key):
        raise DiscussionError(_("The form key is not valid. Please reload the page and try again."))
    return key


def clean_note(note: Any) -> str:
    if not isinstance(note, str):
        raise DiscussionError(_("The note must be text."))
    if "\x00" in note or any(0xD800 <= ord(ch) <= 0xDFFF for ch in note):
        raise DiscussionError(_("The note contains characters that are not valid text."))
    if len(note) > 500:
        raise DiscussionError(_("The note is too long: use at most 500 characters."))
    return note.strip()
