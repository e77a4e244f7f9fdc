"""The moderation writes: decisions, sanctions, appeals, and the audit log they all write to."""

from __future__ import annotations

from typing import Any

from django.db import models

from masthead.moderation.models import AuditEntry, Sanction
from masthead.moderation.roles import MODERATORS, SENIOR_MODERATORS


def audit(
    *,
    actor: Any,
    action: str,
    target: models.Model,
    reason: str = "",
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=actor.get_username() if getattr(actor, "pk", None) else "system",
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        reason=reason,
        details=details or {},
    )


def active_block(user: Any) -> Sanction | None:
    if not getattr(user, "pk", None):
        return None
    return Sanction.objects.active().filter(user=user, kind=Sanction.Kind.BLOCK).first()


def is_premoderated(user: Any) -> bool:
    if not getattr(user, "pk", None):
        return False
    return Sanction.objects.active().filter(user=user, kind=Sanction.Kind.PREMODERATION).exists()


def is_moderator(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=[MODERATORS, SENIOR_MODERATORS]).exists()


def can_moderate_comment(user: Any, comment: Any = None) -> bool:
    return is_moderator(user)
