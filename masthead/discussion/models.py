"""Comments under articles, their edits, reactions and readers' reports.

What the public may see is `Comment.objects.visible()`; what waits for a moderator is
`Comment.objects.awaiting_review()`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from masthead.newsroom.models import Article

if TYPE_CHECKING:
    from django_stubs_ext.db.models.manager import RelatedManager


class CommentQuerySet(models.QuerySet["Comment"]):
    def visible(self) -> CommentQuerySet:
        return self.filter(status=Comment.Status.PUBLISHED, author_hidden=False)

    def awaiting_review(self) -> CommentQuerySet:
        return self.filter(status=Comment.Status.HELD)

    def for_display(self) -> CommentQuerySet:
        return self.select_related("author", "parent__author")


class Comment(models.Model):
    class Status(models.TextChoices):
        PUBLISHED = "published", _("Published")
        HELD = "held", _("Waiting for a moderator")
        REJECTED = "rejected", _("Rejected")
        DELETED = "deleted", _("Deleted by its author")
        REMOVED = "removed", _("Removed by a moderator")

    # No index of its own: every query by article (and the cascade) uses the thread indexes,
    # which start with it; one index fewer to update on every post.
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="comments", db_index=False
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
        help_text=_("Empty once the author's account was purged and the comment kept."),
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    # The top-level comment of the thread: one query loads a page of threads with their replies.
    # Indexed by comment_replies, which starts with it.
    root = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="thread",
        db_index=False,
    )
    depth = models.PositiveSmallIntegerField(default=0)
    text = models.TextField(_("text"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PUBLISHED
    )
    verdict = models.JSONField(_("standards verdict"), default=dict, blank=True)
    risk = models.FloatField(_("risk score"), default=0.0)
    like_count = models.PositiveIntegerField(default=0)
    report_count = models.PositiveIntegerField(default=0)
    # A deactivated author's comments disappear from the public and come back on restore,
    # without touching their own status.
    author_hidden = models.BooleanField(default=False)
    # NULL, not "", when absent: the unique constraint must ignore comments posted without a key.
    idempotency_key = models.CharField(max_length=64, null=True, blank=True)  # noqa: DJ001
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    if TYPE_CHECKING:
        revisions: RelatedManager[CommentRevision]

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "idempotency_key"],
                condition=Q(idempotency_key__isnull=False),
                name="one_comment_per_idempotency_key",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["published", "held", "rejected", "deleted", "removed"]),
                name="comment_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(parent__isnull=True, depth=0) | Q(parent__isnull=False, depth__gt=0),
                name="comment_depth_matches_parent",
            ),
        ]
        indexes = [
            # A page of threads walks the article's top-level comments in keyset order and skips
            # the few that are not public, so status is filtered, not a leading column: an
            # IN/OR over statuses in front would force a sort of the whole discussion.
            models.Index(
                fields=["article", "parent", "created_at", "id"], name="comment_thread_page"
            ),
            models.Index(
                fields=["article", "parent", "like_count", "id"], name="comment_thread_liked"
            ),
            models.Index(fields=["root", "status", "created_at"], name="comment_replies"),
            models.Index(fields=["status", "risk"], name="comment_queue"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} on {self.article_id}"

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED and not self.author_hidden

    @property
    def author_name(self) -> str:
        if self.author is None or getattr(self.author, "purged_at", None) is not None:
            return str(_("deleted reader"))
        return self.author.get_short_name()


class CommentRevision(models.Model):
    """The text before an edit, kept for moderators."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="revisions")
    text = models.TextField()
    verdict = models.JSONField(default=dict, blank=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"revision of #{self.comment_id}"


class Reaction(models.Model):
    class Kind(models.TextChoices):
        LIKE = "like", _("Like")

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.LIKE)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["comment", "user", "kind"], name="one_reaction_each"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} on #{self.comment_id}"


class Report(models.Model):
    """A reader's report that a comment breaks a rule of the community standards."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reports_filed"
    )
    rule = models.CharField(_("rule"), max_length=40)
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["comment", "reporter"], name="one_report_each"),
        ]

    def __str__(self) -> str:
        return f"report of #{self.comment_id}: {self.rule}"
