"""What happens to a reader's notifications when their account changes state.

The accounts app calls these through its lifecycle registry (see README, "Lifecycle hooks"):

- ``on_deactivate(user)``: the account is deleted but restorable: pushes pause, nothing is lost;
- ``on_restore(user)``: the reader came back within the grace period: pushes resume;
- ``on_purge(user)``: the account is erased for good: subscriptions, preferences and the
  newsletters tied to the account or its address are deleted;
- ``export(user)``: everything we keep about the reader, as plain JSON-able data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Q

from masthead.notifications.models import (
    NewsletterSubscription,
    NotificationPreference,
    PushNotification,
    PushSubscription,
)

if TYPE_CHECKING:
    from masthead.accounts.models import User


def on_deactivate(user: User) -> int:
    return PushSubscription.objects.filter(user=user).update(paused=True)


def on_restore(user: User) -> int:
    return PushSubscription.objects.filter(user=user).update(paused=False)


def _newsletters(user: User) -> Any:
    condition = Q(user=user)
    if user.email:
        condition |= Q(email__iexact=user.email)
    return NewsletterSubscription.objects.filter(condition)


@transaction.atomic
def on_purge(user: User) -> None:
    PushSubscription.objects.filter(user=user).delete()
    NotificationPreference.objects.filter(user=user).delete()
    _newsletters(user).delete()
    # Events addressed to the reader carry their comment's context in the title: gone too.
    PushNotification.objects.filter(recipient=user).delete()


def export(user: User) -> dict[str, Any]:
    preference = NotificationPreference.objects.filter(user=user).first()
    return {
        "push_subscriptions": [
            {
                "endpoint": s.endpoint,
                "topics": s.topic_keys(),
                "paused": s.paused,
                "created_at": s.created_at.isoformat(),
                "last_sent_at": s.last_sent_at.isoformat() if s.last_sent_at else None,
            }
            for s in PushSubscription.objects.filter(user=user).prefetch_related("topics")
        ],
        "email_preferences": {
            "replies": bool(preference and preference.email_replies),
            "decisions": bool(preference and preference.email_decisions),
        },
        "newsletters": [
            {
                "email": n.email,
                "section": n.section.name,
                "status": n.status,
                "created_at": n.created_at.isoformat(),
                "confirmed_at": n.confirmed_at.isoformat() if n.confirmed_at else None,
            }
            for n in _newsletters(user).select_related("section").order_by("id")
        ],
        # Events addressed to the reader (replies, decisions): their titles quote the context.
        "notifications_received": [
            {
                "kind": n.kind,
                "title": n.title,
                "text": n.body,
                "url": n.url,
                "created_at": n.created_at.isoformat(),
            }
            for n in PushNotification.objects.filter(recipient=user).order_by("id")
        ],
    }
