"""The people side of the standards: sanctions, appeals and the append-only audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy


class SanctionQuerySet(models.QuerySet["Sanction"]):
    def active(self, now: datetime | None = None) -> SanctionQuerySet:
        now = now or timezone.now()
        return self.filter(lifted_at__isnull=True).filter(
            Q(ends_at__isnull=True) | Q(ends_at__gt=now)
        )


class Sanction(models.Model):
    class Kind(models.TextChoices):
        BLOCK = "block", _lazy("Block")
        PREMODERATION = "premoderation", _lazy("Pre-moderation")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sanctions"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    rule = models.CharField(_lazy("rule"), max_length=40, blank=True)
    reason = models.TextField(_lazy("reason"))
    permanent = models.BooleanField(default=False)
    automatic = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    ends_at = models.DateTimeField(null=True, blank=True)
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = SanctionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        permissions = [
            ("lift_permanent_block", "Can lift a permanent block"),
            ("delete_reader_account", "Can delete a reader's account without notice"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["block", "premoderation"]), name="sanction_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(permanent=False) | Q(kind="block"), name="only_blocks_are_permanent"
            ),
        ]
        indexes = [models.Index(fields=["user", "kind", "lifted_at"], name="sanction_lookup")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.user_id}"

    def notice_for_reader(self) -> str:
        if self.permanent:
            return _(
                "Your account is blocked permanently after a second block, so you can no longer "
                "post, react or report. Reason: %(reason)s"
            ) % {"reason": self.reason}
        return _(
            "Your account is blocked, so you cannot post, react or report. Reason: %(reason)s "
            "You can ask the moderators to lift it at /moderation/appeal/."
        ) % {"reason": self.reason}


class Appeal(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _lazy("Pending")
        GRANTED = "granted", _lazy("Granted")
        REFUSED = "refused", _lazy("Refused")

    sanction = models.ForeignKey(Sanction, on_delete=models.CASCADE, related_name="appeals")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="appeals"
    )
    subject = models.CharField(max_length=200)
    explanation = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answer = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["sanction"], condition=Q(status="pending"), name="one_pending_appeal"
            ),
        ]

    def __str__(self) -> str:
        return f"appeal {self.pk} ({self.status})"


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("The audit log is append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("The audit log is append-only.")


class AuditEntry(models.Model):
    """Who did what, to what, why and when. Nothing in the product rewrites it."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField(max_length=150)
    action = models.CharField(max_length=40)
    target_type = models.CharField(max_length=40)
    target_id = models.CharField(max_length=40)
    reason = models.TextField(blank=True)
    details = models.JSONField(default=dict, blank=True)
    # A default rather than auto_now_add, so imported history and the demo can carry real dates;
    # the row still cannot be changed once written.
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_name} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("The audit log is append-only.")


class ModeratorScope(models.Model):
    """Limits a moderator to some sections. A moderator without any scope sees every section."""

    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="moderation_scopes"
    )
    section = models.ForeignKey(
        "newsroom.Section", on_delete=models.CASCADE, related_name="moderator_scopes"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["moderator", "section"], name="one_scope_per_section")
        ]

    def __str__(self) -> str:
        return f"{self.moderator_id} moderates {self.section_id}"


class DecisionQuerySet(models.QuerySet["Decision"]):
    def since(self, start: Any) -> DecisionQuerySet:
        return self.filter(created_at__gte=start)


class Decision(models.Model):
    """A moderator's decision on one comment: the labelled data the engine can learn from."""

    class Outcome(models.TextChoices):
        APPROVE = "approve", _lazy("Approved")
        REJECT = "reject", _lazy("Rejected")
        REMOVE = "remove", _lazy("Removed")

    class Source(models.TextChoices):
        HELD = "held", _lazy("Held by the engine or pre-moderation")
        REPORTED = "reported", _lazy("Reported by readers")
        SPOT = "spot", _lazy("Spot check of a published comment")

    comment = models.ForeignKey(
        "discussion.Comment", on_delete=models.CASCADE, related_name="decisions"
    )
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(max_length=8, choices=Outcome.choices)
    source = models.CharField(max_length=8, choices=Source.choices)
    rule = models.CharField(max_length=40, blank=True)
    reason = models.TextField(blank=True)
    # The text decided on (a later edit must not relabel the training example).
    text = models.TextField()
    waited_seconds = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome__in=["approve", "reject", "remove"]),
                name="decision_outcome_valid",
            ),
            models.CheckConstraint(
                condition=Q(source__in=["held", "reported", "spot"]),
                name="decision_source_valid",
            ),
            models.CheckConstraint(
                condition=~Q(outcome="reject") | ~Q(rule=""), name="rejection_names_a_rule"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.outcome} #{self.comment_id}"


class ReaderNotice(models.Model):
    """A message for a reader about a decision on them, shown on their next visit."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="moderation_notices"
    )
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    shown_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["user", "shown_at"], name="notice_unshown")]

    def __str__(self) -> str:
        return f"notice for {self.user_id}"
