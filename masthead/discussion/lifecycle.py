"""What happens to a reader's comments when their account is deleted, restored or purged.

Registered with the accounts app's lifecycle (see masthead.accounts.lifecycle). Every hook is
idempotent: the purge task retries an account whose purge failed.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db.models import F

from masthead.core import pagecache
from masthead.discussion.models import Comment, CommentRevision, Reaction, Report
from masthead.newsroom.models import Article


def _adjust_counts(comments: list[Comment], sign: int) -> None:
    per_article = Counter(c.article_id for c in comments if c.status == Comment.Status.PUBLISHED)
    for article_id, n in per_article.items():
        Article.objects.filter(pk=article_id).update(comment_count=F("comment_count") + sign * n)
    slugs = Article.objects.filter(pk__in=per_article).values_list("slug", flat=True)
    pagecache.bump(*[pagecache.object_version_key("article", slug) for slug in slugs])


def hide_comments_of(user: Any) -> None:
    shown = list(Comment.objects.filter(author=user, author_hidden=False))
    Comment.objects.filter(pk__in=[c.pk for c in shown]).update(author_hidden=True)
    _adjust_counts(shown, -1)


def show_comments_of(user: Any) -> None:
    hidden = list(Comment.objects.filter(author=user, author_hidden=True))
    Comment.objects.filter(pk__in=[c.pk for c in hidden]).update(author_hidden=False)
    _adjust_counts(hidden, +1)


def erase_comments_of(user: Any, comments: Any) -> None:
    """Purge: the reader's likes and reports go; their comments go too, or stay unsigned."""
    Reaction.objects.filter(user=user).delete()
    Report.objects.filter(reporter=user).delete()
    CommentRevision.objects.filter(comment__author=user).delete()
    if str(comments) == "keep":
        # Signed by the anonymous tombstone account, shown as "deleted reader".
        show_comments_of(user)
        return
    mine = Comment.objects.filter(author=user)
    hidden = list(mine.filter(author_hidden=False))
    _adjust_counts(hidden, -1)
    # A comment others replied to stays as an empty stub so their replies keep their place.
    with_replies = mine.filter(replies__isnull=False).distinct()
    with_replies.update(text="", status=Comment.Status.DELETED, verdict={}, author_hidden=True)
    mine.filter(replies__isnull=True).delete()


def comments_for_export(user: Any) -> dict[str, Any]:
    comments = Comment.objects.filter(author=user).select_related("article").order_by("pk")
    return {
        "comments": [
            {
                "id": c.pk,
                "article": c.article.get_absolute_url(),
                "reply_to": c.parent_id,
                "text": c.text,
                "status": c.status,
                "created_at": c.created_at.isoformat(),
                "edited_at": c.edited_at.isoformat() if c.edited_at else None,
                "earlier_versions": [
                    {"text": r.text, "replaced_at": r.created_at.isoformat()}
                    for r in c.revisions.all()
                ],
            }
            for c in comments.prefetch_related("revisions")
        ],
        "likes": [
            {"comment": r.comment_id, "at": r.created_at.isoformat()}
            for r in Reaction.objects.filter(user=user).order_by("pk")
        ],
        "reports_filed": [
            {
                "comment": r.comment_id,
                "rule": r.rule,
                "note": r.note,
                "at": r.created_at.isoformat(),
            }
            for r in Report.objects.filter(reporter=user).order_by("pk")
        ],
    }
