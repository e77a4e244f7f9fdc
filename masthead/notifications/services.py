"""The notifications' writes. Views, the editors' desk, commands and tasks all call these.

Push fan-out, in three steps:

1. ``send_article_push`` records a :class:`PushNotification` and, after commit, enqueues
   ``plan_fanout``;
2. ``plan_fanout`` walks the audience's ids (keyset, ``PUSH_BATCH_SIZE`` at a time) and enqueues
   one ``send_batch`` task per id range, so any number of workers share the work;
3. ``send_batch`` records a :class:`Delivery` per subscription (unique per notification), then
   claims them ``PUSH_CLAIM_SIZE`` at a time with a conditional UPDATE (queued → sending) and
   sends. A re-run of the same batch (a worker died, the task was enqueued twice) skips every
   delivery that is sent or in flight: a reader never gets the same push twice. The price is
   that the chunk in flight when a worker dies is not sent at all (at most one claim's worth).

404/410 delete the subscription; 429/5xx and network trouble put the delivery in "retry" with a
back-off (at least the push service's Retry-After), picked up by the periodic
``retry_due_deliveries``; after ``PUSH_MAX_ATTEMPTS`` it is "failed".
"""

from __future__ import annotations

import logging
import secrets
import threading
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from masthead.newsroom.models import Article, Section
from masthead.notifications.channels import (
    DeliveryError,
    EmailChannel,
    Message,
    PermanentError,
    RetryableError,
    WebPushChannel,
)
from masthead.notifications.models import (
    PERSONAL_TOPICS,
    Delivery,
    DigestSend,
    NewsletterSubscription,
    NotificationPreference,
    PushNotification,
    PushSubscription,
    SubscriptionTopic,
    TopicKind,
    topic_key,
)

if TYPE_CHECKING:
    from masthead.accounts.models import User

log = logging.getLogger(__name__)

MAX_RETRY_DELAY = 6 * 3600


# --- Subscriptions ---------------------------------------------------------------------------


def register_push_subscription(
    *,
    endpoint: str,
    p256dh: str,
    auth: str,
    topics: Iterable[str],
    user: User | None = None,
) -> PushSubscription:
    """Create or refresh a browser's subscription and add topics to it.

    The endpoint is the browser's identity (a capability URL only it knows), so a second POST
    updates keys and owner. Topics about a reader's own comments need a signed-in reader.
    """
    wanted = set(topics)
    if user is None:
        wanted -= PERSONAL_TOPICS
    with transaction.atomic():
        subscription, _created = PushSubscription.objects.update_or_create(
            endpoint=endpoint,
            defaults={"p256dh": p256dh, "auth": auth, "user": user, "paused": False},
        )
        if user is None:
            subscription.topics.filter(topic__in=PERSONAL_TOPICS).delete()
        SubscriptionTopic.objects.bulk_create(
            [SubscriptionTopic(subscription=subscription, topic=t) for t in sorted(wanted)],
            ignore_conflicts=True,
        )
    return subscription


def unsubscribe(*, endpoint: str, topics: Iterable[str] | None = None) -> bool:
    """Drop some topics, or (without topics) the whole subscription. False if it was unknown."""
    subscription = PushSubscription.objects.filter(endpoint=endpoint).first()
    if subscription is None:
        return False
    if topics is None:
        subscription.delete()
    else:
        subscription.topics.filter(topic__in=list(topics)).delete()
    return True


# --- Article pushes --------------------------------------------------------------------------


def article_topics(article: Article, *, breaking: bool) -> list[str]:
    topics = [topic_key(TopicKind.SECTION, article.section.slug)]
    topics += [topic_key(TopicKind.TAG, t.slug) for t in article.tags.all()]
    if breaking:
        topics.append(TopicKind.BREAKING.value)
    return topics


def send_article_push(
    article: Article, *, breaking: bool = False, sent_by: User | None = None
) -> PushNotification:
    """Push a published article to the followers of its section and tags (and of breaking news).

    Only published articles: a push to a page readers cannot open yet would be a broken promise.
    """
    if not Article.objects.published().filter(pk=article.pk).exists():
        raise ValueError(_("Only a published article can be pushed."))
    notification = PushNotification.objects.create(
        kind=PushNotification.Kind.ARTICLE,
        title=(_("Breaking: %(headline)s") % {"headline": article.headline})
        if breaking
        else article.headline,
        body=article.standfirst[:400],
        url=settings.SITE_URL + article.get_absolute_url(),
        topics=article_topics(article, breaking=breaking),
        article=article,
        breaking=breaking,
        sent_by=sent_by,
    )
    from masthead.notifications import tasks

    transaction.on_commit(lambda: tasks.plan_fanout.enqueue(notification.pk))
    return notification


def plan_fanout(notification_id: int) -> int:
    """Split the audience into id ranges of PUSH_BATCH_SIZE and enqueue one task per range."""
    from masthead.notifications import tasks

    notification = PushNotification.objects.get(pk=notification_id)
    audience = notification.audience().order_by("id").values_list("id", flat=True)
    size = settings.PUSH_BATCH_SIZE
    last_id = 0
    batches = 0
    while True:
        page = list(audience.filter(id__gt=last_id)[:size])
        if not page:
            return batches
        tasks.send_push_batch.enqueue(notification_id, page[0], page[-1])
        batches += 1
        last_id = page[-1]


@dataclass
class BatchResult:
    sent: int = 0
    gone: int = 0
    retry: int = 0
    failed: int = 0
    skipped: int = 0

    def add(self, other: BatchResult) -> None:
        for name in ("sent", "gone", "retry", "failed", "skipped"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def as_dict(self) -> dict[str, int]:
        return {
            "sent": self.sent,
            "gone": self.gone,
            "retry": self.retry,
            "failed": self.failed,
            "skipped": self.skipped,
        }


def _chunks(items: Sequence[int], size: int) -> Iterable[Sequence[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def send_batch(notification_id: int, first_id: int, last_id: int) -> BatchResult:
    """Send one notification to the audience with first_id <= id <= last_id; safe to re-run."""
    notification = PushNotification.objects.get(pk=notification_id)
    ids = list(
        notification.audience()
        .filter(id__gte=first_id, id__lte=last_id)
        .order_by("id")
        .values_list("id", flat=True)
    )
    Delivery.objects.bulk_create(
        [Delivery(notification=notification, subscription_id=i) for i in ids],
        ignore_conflicts=True,
    )
    result = BatchResult()
    for chunk in _chunks(ids, settings.PUSH_CLAIM_SIZE):
        claimed = _claim(
            Delivery.objects.filter(
                notification=notification, subscription_id__in=chunk, status=Delivery.Status.QUEUED
            )
        )
        result.skipped += len(chunk) - len(claimed)
        result.add(_deliver(notification, claimed))
    return result


def _claim(queryset: Any) -> list[Delivery]:
    """Take the rows for this worker alone: the conditional UPDATE is the lock."""
    token = secrets.token_hex(16)
    queryset.update(
        status=Delivery.Status.SENDING,
        claim=token,
        attempts=F("attempts") + 1,
        updated_at=timezone.now(),
    )
    return list(Delivery.objects.filter(claim=token))


def _retry_delay(attempts: int, retry_after: float | None) -> float:
    backoff = settings.PUSH_RETRY_SECONDS * 2 ** max(0, attempts - 1)
    return min(MAX_RETRY_DELAY, max(backoff, retry_after or 0.0))


def _deliver(notification: PushNotification, deliveries: list[Delivery]) -> BatchResult:
    result = BatchResult()
    if not deliveries:
        return result
    channel = WebPushChannel()
    message = Message(
        title=notification.title,
        body=notification.body,
        url=notification.url,
        tag=("breaking-" if notification.breaking else "") + f"n{notification.pk}",
    )
    subscriptions = PushSubscription.objects.in_bulk([d.subscription_id for d in deliveries])

    def attempt(delivery: Delivery) -> DeliveryError | None:
        subscription = subscriptions.get(delivery.subscription_id)
        if subscription is None:  # unsubscribed between planning and sending
            return PermanentError("unsubscribed", status=410)
        try:
            channel.send(subscription, message)
        except DeliveryError as error:
            return error
        return None

    # Each send waits on a push service for tens of milliseconds; a few threads keep several
    # requests in flight (the encryption is done in OpenSSL, mostly outside the GIL). The
    # database writes stay in this thread.
    outcomes = list(_sender_pool().map(attempt, deliveries))
    sent: list[int] = []
    gone: list[int] = []
    now = timezone.now()
    for delivery, outcome in zip(deliveries, outcomes, strict=True):
        if outcome is None:
            sent.append(delivery.pk)
        elif isinstance(outcome, PermanentError) and outcome.status in (404, 410):
            gone.append(delivery.pk)
        elif isinstance(outcome, RetryableError) and delivery.attempts < settings.PUSH_MAX_ATTEMPTS:
            result.retry += 1
            delay = _retry_delay(delivery.attempts, outcome.retry_after)
            Delivery.objects.filter(pk=delivery.pk).update(
                status=Delivery.Status.RETRY,
                claim="",
                error=str(outcome)[:300],
                next_attempt_at=now + timedelta(seconds=delay),
                updated_at=now,
            )
        else:  # refused for good (400, 401, 413...) or out of attempts
            result.failed += 1
            _finish(delivery, Delivery.Status.FAILED, str(outcome))
    by_pk = {d.pk: d.subscription_id for d in deliveries}
    if sent:
        Delivery.objects.filter(pk__in=sent).update(
            status=Delivery.Status.SENT, claim="", error="", updated_at=now
        )
        PushSubscription.objects.filter(pk__in=[by_pk[pk] for pk in sent]).update(last_sent_at=now)
    if gone:
        Delivery.objects.filter(pk__in=gone).update(
            status=Delivery.Status.GONE, claim="", updated_at=now
        )
        # The push service says this browser unsubscribed or the subscription expired.
        PushSubscription.objects.filter(pk__in=[by_pk[pk] for pk in gone]).delete()
    result.sent += len(sent)
    result.gone += len(gone)
    return result


_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def _sender_pool() -> ThreadPoolExecutor:
    """One pool per process, kept: its threads keep their HTTP sessions (and connections)."""
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(
                max_workers=settings.PUSH_SEND_THREADS, thread_name_prefix="push-send"
            )
        return _pool


def _finish(delivery: Delivery, status: str, error: str) -> None:
    Delivery.objects.filter(pk=delivery.pk).update(
        status=status, claim="", error=error[:300], updated_at=timezone.now()
    )


def retry_due_deliveries(*, now: datetime | None = None, limit: int | None = None) -> BatchResult:
    """Send again what a push service asked us to retry, once its time has come."""
    now = now or timezone.now()
    limit = limit or settings.PUSH_BATCH_SIZE
    due = list(
        Delivery.objects.filter(status=Delivery.Status.RETRY, next_attempt_at__lte=now)
        .order_by("next_attempt_at")
        .values_list("pk", "notification_id")[:limit]
    )
    result = BatchResult()
    by_notification: dict[int, list[int]] = {}
    for pk, notification_id in due:
        by_notification.setdefault(notification_id, []).append(pk)
    for notification_id, pks in by_notification.items():
        notification = PushNotification.objects.get(pk=notification_id)
        claimed = _claim(Delivery.objects.filter(pk__in=pks, status=Delivery.Status.RETRY))
        result.add(_deliver(notification, claimed))
    return result


def close_stale_claims(*, now: datetime | None = None) -> int:
    """Deliveries left "sending" by a worker that died are never sent again (a reader must not
    get a push twice); after PUSH_STALE_CLAIM_SECONDS they are marked failed, so the desk's
    counts add up."""
    now = now or timezone.now()
    return Delivery.objects.filter(
        status=Delivery.Status.SENDING,
        updated_at__lt=now - timedelta(seconds=settings.PUSH_STALE_CLAIM_SECONDS),
    ).update(
        status=Delivery.Status.FAILED,
        claim="",
        error="the worker stopped while sending; not repeated",
        updated_at=now,
    )


# --- Events about a reader's comments ------------------------------------------------------


@dataclass(frozen=True)
class Event:
    """Something about a reader's comment that the reader should hear of.

    `kind` is ``TopicKind.REPLIES`` ("someone replied to your comment") or
    ``TopicKind.DECISIONS`` ("a moderator decided about your comment"). `title` and `body` are
    already in the site's language; `url` is a path on this site or an absolute address.
    """

    kind: str
    title: str
    body: str = ""
    url: str = ""

    def __post_init__(self) -> None:
        if self.kind not in PERSONAL_TOPICS:
            raise ValueError(f"unknown event kind {self.kind!r}; use replies or decisions")

    def absolute_url(self) -> str:
        return settings.SITE_URL + self.url if self.url.startswith("/") else self.url


def set_email_preferences(user: User, *, replies: bool, decisions: bool) -> NotificationPreference:
    preference, _created = NotificationPreference.objects.update_or_create(
        user=user, defaults={"email_replies": replies, "email_decisions": decisions}
    )
    return preference


def notify(user: User, event: Event) -> None:
    """Tell a reader about an event, by push and (if they opted in) e-mail, after commit.

    The discussion and moderation apps call this; delivery happens in a background task.
    """
    from masthead.notifications import tasks

    transaction.on_commit(
        lambda: tasks.deliver_event.enqueue(user.pk, event.kind, event.title, event.body, event.url)
    )


def deliver_event(user: User, event: Event) -> dict[str, int]:
    if not user.is_active:
        return {"push": 0, "email": 0}
    notification = PushNotification.objects.create(
        kind=PushNotification.Kind.EVENT,
        title=event.title,
        body=event.body,
        url=event.absolute_url(),
        topics=[event.kind],
        recipient=user,
    )
    ids = list(notification.audience().order_by("id").values_list("id", flat=True))
    pushed = send_batch(notification.pk, ids[0], ids[-1]).sent if ids else 0
    emailed = 0
    preference = NotificationPreference.objects.filter(user=user).first()
    wants_email = preference is not None and (
        preference.email_replies if event.kind == TopicKind.REPLIES else preference.email_decisions
    )
    if wants_email and user.email:
        try:
            EmailChannel().send(
                user.email,
                Message(
                    title=event.title,
                    body=event.body,
                    url=event.absolute_url(),
                    template="notifications/mail/event",
                    context={"user": user},
                ),
            )
            emailed = 1
        except (PermanentError, RetryableError) as error:
            log.warning("Event e-mail to user %s not sent: %s", user.pk, error)
    return {"push": pushed, "email": emailed}


# --- Newsletters ------------------------------------------------------------------------------

_NEWSLETTER_SALT = "masthead.notifications.newsletter"


class InvalidToken(Exception):
    pass


def newsletter_token(subscription: NewsletterSubscription, action: str) -> str:
    return signing.dumps({"n": subscription.pk, "a": action}, salt=_NEWSLETTER_SALT)


def subscription_from_token(token: str, action: str, max_age: int | None) -> Any:
    try:
        data = signing.loads(token, salt=_NEWSLETTER_SALT, max_age=max_age)
    except signing.SignatureExpired:
        raise InvalidToken(_("This link has expired; please subscribe again.")) from None
    except signing.BadSignature:
        raise InvalidToken(_("This link is not valid.")) from None
    if not isinstance(data, dict) or data.get("a") != action:
        raise InvalidToken(_("This link is not valid."))
    if not isinstance(data.get("n"), int):
        raise InvalidToken(_("This link is not valid."))
    subscription = NewsletterSubscription.objects.filter(pk=data["n"]).first()
    if subscription is None:
        raise InvalidToken(_("This subscription no longer exists."))
    return subscription


def request_newsletter(
    *, email: str, section: Section, user: User | None = None
) -> NewsletterSubscription:
    """Start the double opt-in: a confirmation mail goes out unless already confirmed."""
    email = email.strip()
    local, _at, domain = email.rpartition("@")
    email = f"{local}@{domain.lower()}"
    subscription, _created = NewsletterSubscription.objects.get_or_create(
        email=email, section=section, defaults={"user": user}
    )
    if subscription.status != NewsletterSubscription.Status.CONFIRMED:
        NewsletterSubscription.objects.filter(pk=subscription.pk).update(
            status=NewsletterSubscription.Status.PENDING
        )
        subscription.status = NewsletterSubscription.Status.PENDING
        from masthead.notifications import tasks

        transaction.on_commit(lambda: tasks.send_newsletter_confirmation.enqueue(subscription.pk))
    return subscription


def send_newsletter_confirmation(subscription: NewsletterSubscription) -> None:
    link = settings.SITE_URL + reverse(
        "notifications:newsletter_confirm", args=[newsletter_token(subscription, "confirm")]
    )
    EmailChannel().send(
        subscription.email,
        Message(
            title=_("Confirm your subscription to %(section)s")
            % {"section": subscription.section.name},
            url=link,
            template="notifications/mail/newsletter_confirm",
            context={
                "subscription": subscription,
                "confirm_url": link,
                "days": settings.NEWSLETTER_CONFIRM_DAYS,
            },
        ),
    )


def confirm_newsletter(token: str) -> NewsletterSubscription:
    subscription: NewsletterSubscription = subscription_from_token(
        token, "confirm", settings.NEWSLETTER_CONFIRM_DAYS * 86400
    )
    if subscription.status == NewsletterSubscription.Status.PENDING:
        subscription.status = NewsletterSubscription.Status.CONFIRMED
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["status", "confirmed_at"])
    return subscription


def unsubscribe_newsletter(token: str) -> NewsletterSubscription:
    """One click, no log-in, no expiry (RFC 8058): the link itself is the authority."""
    subscription: NewsletterSubscription = subscription_from_token(token, "unsubscribe", None)
    NewsletterSubscription.objects.filter(pk=subscription.pk).update(
        status=NewsletterSubscription.Status.UNSUBSCRIBED
    )
    subscription.status = NewsletterSubscription.Status.UNSUBSCRIBED
    return subscription


def send_daily_digests(*, now: datetime | None = None) -> int:
    """At or after NEWSLETTER_DIGEST_HOUR (site time), each confirmed subscriber gets the day's
    digest of their section once. The (subscriber, day) row is claimed before sending."""
    now = now or timezone.now()
    local = timezone.localtime(now)
    if local.hour < settings.NEWSLETTER_DIGEST_HOUR:
        return 0
    day = local.date()
    since = now - timedelta(days=1)
    pending = (
        NewsletterSubscription.objects.confirmed()
        .exclude(digests__day=day)
        .select_related("section")
        .order_by("id")
    )
    articles_by_section: dict[int, list[Article]] = {}
    sent = 0
    channel = EmailChannel()
    for subscription in pending.iterator(chunk_size=500):
        try:
            with transaction.atomic():
                claim = DigestSend.objects.create(subscription=subscription, day=day)
        except IntegrityError:
            continue  # another scheduler tick or worker has it
        if subscription.section_id not in articles_by_section:
            articles_by_section[subscription.section_id] = list(
                Article.objects.published()
                .filter(section_id=subscription.section_id, published_at__gt=since)
                .newest_first()[:20]
            )
        articles = articles_by_section[subscription.section_id]
        if not articles:
            continue  # nothing new today: the claim stays, nobody gets an empty mail
        unsubscribe_url = settings.SITE_URL + reverse(
            "notifications:newsletter_unsubscribe",
            args=[newsletter_token(subscription, "unsubscribe")],
        )
        try:
            channel.send(
                subscription.email,
                Message(
                    title=_("%(site)s: today in %(section)s")
                    % {"site": settings.SITE_NAME, "section": subscription.section.name},
                    template="notifications/mail/digest",
                    context={
                        "subscription": subscription,
                        "articles": articles,
                        "day": day,
                        "unsubscribe_url": unsubscribe_url,
                    },
                    headers={
                        "List-Unsubscribe": f"<{unsubscribe_url}>",
                        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                    },
                ),
            )
        except RetryableError as error:
            # Nothing went out: give the claim back so the next tick tries again.
            claim.delete()
            log.warning("Digest to subscription %s postponed: %s", subscription.pk, error)
            continue
        except PermanentError as error:
            log.warning("Digest to subscription %s refused: %s", subscription.pk, error)
            continue
        DigestSend.objects.filter(pk=claim.pk).update(sent=True, article_count=len(articles))
        sent += 1
    return sent
