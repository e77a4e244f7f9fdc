from __future__ import annotations

import secrets
import uuid
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def avatar_path(instance: User, filename: str) -> str:
    # A random name: avatar URLs must not reveal who the reader is or let anyone list them.
    return f"avatars/{secrets.token_hex(16)}.png"


class UserQuerySet(models.QuerySet["User"]):
    def awaiting_purge(self, *, now: Any = None) -> UserQuerySet:
        """Accounts whose owner asked for deletion longer ago than the restore window."""
        now = now or timezone.now()
        cutoff = now - timedelta(days=settings.ACCOUNT_RESTORE_DAYS)
        return self.filter(purged_at__isnull=True, deactivated_at__lte=cutoff)

    def deactivated(self) -> UserQuerySet:
        return self.filter(purged_at__isnull=True, deactivated_at__isnull=False)


class MastheadUserManager(UserManager["User"]):
    def get_queryset(self) -> UserQuerySet:
        return UserQuerySet(self.model, using=self._db)

    def awaiting_purge(self, *, now: Any = None) -> UserQuerySet:
        return self.get_queryset().awaiting_purge(now=now)

    def deactivated(self) -> UserQuerySet:
        return self.get_queryset().deactivated()


class User(AbstractUser):
    """Our own user model from the first migration, so accounts can grow without a swap."""

    display_name = models.CharField(
        _("display name"),
        max_length=60,
        blank=True,
        help_text=_("The name shown with your comments and in the greeting."),
    )
    avatar = models.ImageField(_("avatar"), upload_to=avatar_path, blank=True)
    # Set when the reader deletes their account; cleared by a restore. The account is purged
    # ACCOUNT_RESTORE_DAYS later.
    deactivated_at = models.DateTimeField(_("deactivated at"), null=True, blank=True)
    # Set when the personal data is gone; the row stays as a tombstone so that other apps'
    # foreign keys (kept comments) still point somewhere that reads "deleted reader".
    purged_at = models.DateTimeField(_("purged at"), null=True, blank=True)

    objects = MastheadUserManager()  # type: ignore[misc]

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        constraints = [
            models.CheckConstraint(
                condition=Q(purged_at__isnull=True) | Q(is_active=False),
                name="accounts_user_purged_is_inactive",
            ),
            models.CheckConstraint(
                condition=Q(deactivated_at__isnull=True) | Q(is_active=False),
                name="accounts_user_deactivated_is_inactive",
            ),
        ]

    def get_short_name(self) -> str:
        # The greeting must never show an empty name.
        if self.purged_at:
            return str(_("Deleted reader"))
        for candidate in (self.display_name, self.first_name, self.username):
            if candidate and candidate.strip():
                return candidate.strip()
        return str(_("reader"))

    @property
    def shown_name(self) -> str:
        return self.get_short_name()

    @property
    def avatar_url(self) -> str:
        if self.avatar:
            return str(self.avatar.url)
        return reverse("accounts:default_avatar", args=[self.pk])

    @property
    def is_deactivated(self) -> bool:
        return self.deactivated_at is not None and self.purged_at is None


class PrivacyPolicyQuerySet(models.QuerySet["PrivacyPolicy"]):
    def published(self, now: datetime | None = None) -> PrivacyPolicyQuerySet:
        return self.filter(published_at__isnull=False, published_at__lte=now or timezone.now())

    def current(self) -> PrivacyPolicy | None:
        return self.published().order_by("-published_at", "-pk").first()


class PrivacyPolicy(models.Model):
    """One version of the privacy policy. Publishing a new one asks every reader again."""

    version = models.CharField(_("version"), max_length=40, unique=True)
    text = models.TextField(_("text"), help_text=_("Plain text; blank lines separate paragraphs."))
    published_at = models.DateTimeField(
        _("published at"),
        null=True,
        blank=True,
        help_text=_("Leave empty for a draft. From this moment readers must accept it."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PrivacyPolicyQuerySet.as_manager()

    class Meta:
        verbose_name = _("privacy policy version")
        verbose_name_plural = _("privacy policy versions")
        ordering = ["-published_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.version}"

    @property
    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.text.replace("\r\n", "\n").split("\n\n") if p.strip()]


class Consent(models.Model):
    """Proof that a reader accepted a policy version: kept (anonymised) even after a purge."""

    class Method(models.TextChoices):
        SIGNUP = "signup", _("sign-up form")
        SOCIAL = "social", _("sign-in with a social network")
        RECONSENT = "reconsent", _("accepted an updated policy")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consents",
    )
    # Stays when the user is purged, so the record still proves that *someone* consented to
    # this version at this time, without saying who.
    anonymous_id = models.UUIDField(default=uuid.uuid4, editable=False, db_index=True)
    policy = models.ForeignKey(PrivacyPolicy, on_delete=models.PROTECT, related_name="consents")
    given_at = models.DateTimeField(default=timezone.now)
    method = models.CharField(max_length=12, choices=Method.choices)

    class Meta:
        ordering = ["-given_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(method__in=["signup", "social", "reconsent"]),
                name="accounts_consent_method_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.anonymous_id} accepted {self.policy.version} ({self.method})"


class AppendOnlyError(Exception):
    pass


class AccountAuditEntry(models.Model):
    """Who did what to which account, why and when. Written once, never changed."""

    class Action(models.TextChoices):
        DEACTIVATED = "deactivated", _("deactivated by the reader")
        RESTORED = "restored", _("restored by the reader")
        PURGED = "purged", _("purged after the restore window")
        DELETED_WITHOUT_NOTICE = "deleted_without_notice", _("deleted without notice")
        EXPORT_REQUESTED = "export_requested", _("data export requested")

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries",
    )
    # Like Consent.anonymous_id: identifies the subject across entries after a purge.
    subject_anonymous_id = models.UUIDField(default=uuid.uuid4, editable=False, db_index=True)
    action = models.CharField(max_length=32, choices=Action.choices)
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = _("account audit entries")
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    action__in=[
                        "deactivated",
                        "restored",
                        "purged",
                        "deleted_without_notice",
                        "export_requested",
                    ]
                ),
                name="accounts_audit_action_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not kwargs.get("force_insert"):
            raise AppendOnlyError("Audit entries are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise AppendOnlyError("Audit entries are append-only.")


def export_path(instance: DataExport, filename: str) -> str:
    # The random folder keeps the file unguessable even where MEDIA_ROOT is served directly.
    return f"exports/{secrets.token_hex(20)}/{filename}"


class DataExport(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("being prepared")
        READY = "ready", _("ready")
        FAILED = "failed", _("failed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    file = models.FileField(upload_to=export_path, blank=True)
    requested_at = models.DateTimeField(default=timezone.now)
    ready_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["pending", "ready", "failed"]),
                name="accounts_export_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"export {self.pk} ({self.status})"

    @property
    def is_available(self) -> bool:
        return (
            self.status == self.Status.READY
            and bool(self.file)
            and self.expires_at is not None
            and self.expires_at > timezone.now()
        )


class OutgoingMail(models.Model):
    """A rendered mail waiting for the mail task; deleted once sent.

    The task gets only this row's id, so no address or link ends up in the task queue's
    tables (which keep arguments and results long after the mail has gone).
    """

    to = models.EmailField()
    subject = models.CharField(max_length=300)
    text = models.TextField()
    html = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"mail {self.pk}"
