"""Background work of the notifications: thin wrappers over services, taking ids."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.tasks import task

from masthead.notifications import services
from masthead.notifications.models import NewsletterSubscription


@task()
def plan_fanout(notification_id: int) -> int:
    return services.plan_fanout(notification_id)


@task()
def send_push_batch(notification_id: int, first_id: int, last_id: int) -> dict[str, int]:
    return services.send_batch(notification_id, first_id, last_id).as_dict()


@task()
def retry_push_deliveries() -> dict[str, int]:
    services.close_stale_claims()
    return services.retry_due_deliveries().as_dict()


@task()
def deliver_event(user_id: int, kind: str, title: str, body: str, url: str) -> dict[str, int]:
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        return {"push": 0, "email": 0}
    return services.deliver_event(user, services.Event(kind=kind, title=title, body=body, url=url))


@task()
def send_newsletter_confirmation(subscription_id: int) -> bool:
    subscription = (
        NewsletterSubscription.objects.select_related("section").filter(pk=subscription_id).first()
    )
    if subscription is None or subscription.status != NewsletterSubscription.Status.PENDING:
        return False
    services.send_newsletter_confirmation(subscription)
    return True


@task()
def send_daily_digests() -> int:
    return services.send_daily_digests()


SCHEDULE = [
    ("masthead.notifications.tasks.retry_push_deliveries", settings.PUSH_RETRY_SWEEP_SECONDS),
    ("masthead.notifications.tasks.send_daily_digests", 300),
]
