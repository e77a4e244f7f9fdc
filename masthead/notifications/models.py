"""Push subscriptions and their topics, push notifications and their deliveries, reader
preferences for e-mail, and the section newsletters.

What may be sent to whom is defined once, by the QuerySet methods (`active()`,
`for_topics()`, `confirmed()`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from masthead.newsroom.models import Article, Section


class TopicKind(models.TextChoices):
    BREAKING = "breaking", _("Breaking news")
    SECTION = "section", _("A section")
    TAG = "tag", _("A tag")
    REPLIES = "replies", _("Replies to my comments")
    DECISIONS = "decisions", _("Moderators' decisions about my comments")


# Topics a signed-in reader alone may hold: they are about the reader's own comments.
PERSONAL_TOPICS = frozenset({TopicKind.REPLIES.value, TopicKind.DECISIONS.value})


def topic_key(kind: str, slug: str = "") -> str:
    """'breaking', 'replies', 'decisions', 'section:<slug>' or 'tag:<slug>'."""
    return f"{kind}:{slug}" if slug else kind


class PushSubscriptionQuerySet(models.QuerySet["PushSubscription"]):
    def active(self) -> PushSubscriptionQuerySet:
        return self.filter(paused=False)

    def for_topics(self, topics: list[str]) -> PushSubscriptionQuerySet:
        # A subquery rather than a join + DISTINCT: keyset paging by id stays a plain index walk.
        return self.filter(
            id__in=SubscriptionTopic.objects.filter(topic__in=topics).values("subscription_id")
        )


class PushSubscription(models.Model):
    """One browser's push endpoint. Anonymous when `user` is empty."""

    endpoint = models.URLField(_("endpoint"), max_length=1000, unique=True)
    p256dh = models.CharField(_("public key"), max_length=100)
    auth = models.CharField(_("auth secret"), max_length=40)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reader"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="push_subscriptions",
    )
    # Paused while the reader's account is deactivated (restorable); deleted when it is purged.
    paused = models.BooleanField(_("paused"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_sent_at = models.DateTimeField(_("last delivery"), null=True, blank=True)

    objects = PushSubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("push subscription")
        verbose_name_plural = _("push subscriptions")
        constraints = [
            models.CheckConstraint(
                condition=Q(endpoint__startswith="https://"), name="push_endpoint_https"
            )
        ]

    def __str__(self) -> str:
        return self.endpoint[:60]

    def as_subscription_info(self) -> dict[str, object]:
        return {"endpoint": self.endpoint, "keys": {"p256dh": self.p256dh, "auth": self.auth}}

    def topic_keys(self) -> list[str]:
        return sorted(t.topic for t in self.topics.all())


class SubscriptionTopic(models.Model):
    subscription = models.ForeignKey(
        PushSubscription, on_delete=models.CASCADE, related_name="topics"
    )
    topic = models.CharField(_("topic"), max_length=120)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        constraints = [
            models.UniqueConstraint(fields=["subscription", "topic"], name="push_topic_once")
        ]
        # The fan-out asks "who follows these topics?"; the index answers from the index alone.
        indexes = [models.Index(fields=["topic", "subscription"], name="push_topic_lookup")]

    def __str__(self) -> str:
        return self.topic


class PushNotification(models.Model):
    """One message to many subscriptions (an article), or to one reader (an event)."""

    class Kind(models.TextChoices):
        ARTICLE = "article", _("Article")
        EVENT = "event", _("Event about a reader's comment")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    body = models.CharField(_("text"), max_length=400, blank=True)
    url = models.CharField(_("address"), max_length=500)
    topics = models.JSONField(_("topics"), default=list)
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    breaking = models.BooleanField(_("breaking news"), default=False)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("For events: only this reader's subscriptions receive it."),
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("push notification")
        verbose_name_plural = _("push notifications")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["article", "event"]), name="push_notification_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(kind="article") | Q(recipient__isnull=False),
                name="push_event_has_recipient",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def audience(self) -> PushSubscriptionQuerySet:
        subscriptions = PushSubscription.objects.active().for_topics(self.topics)
        if self.recipient_id is not None:
            subscriptions = subscriptions.filter(user_id=self.recipient_id)
        return subscriptions


class Delivery(models.Model):
    """One notification to one subscription. The unique pair is what makes a re-run safe."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        RETRY = "retry", _("Waiting to retry")
        GONE = "gone", _("Subscription expired")
        FAILED = "failed", _("Failed")

    notification = models.ForeignKey(
        PushNotification, on_delete=models.CASCADE, related_name="deliveries"
    )
    # Kept as a bare id: the subscription may be deleted (404/410) while the record stays.
    subscription_id = models.BigIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    claim = models.CharField(max_length=32, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["notification", "subscription_id"], name="delivery_once"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["queued", "sending", "sent", "retry", "gone", "failed"]),
                name="delivery_status_valid",
            ),
        ]
        indexes = [
            models.Index(
                fields=["status", "next_attempt_at"],
                name="delivery_retry_due",
                condition=Q(status="retry"),
            ),
            models.Index(fields=["claim"], name="delivery_claim", condition=~Q(claim="")),
        ]

    def __str__(self) -> str:
        return f"{self.notification_id} → {self.subscription_id}: {self.status}"


class NotificationPreference(models.Model):
    """A signed-in reader's choice of e-mail for events about their comments (off by default)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    email_replies = models.BooleanField(_("e-mail me replies to my comments"), default=False)
    email_decisions = models.BooleanField(
        _("e-mail me moderators' decisions about my comments"), default=False
    )

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return str(self.user)


class NewsletterQuerySet(models.QuerySet["NewsletterSubscription"]):
    def confirmed(self) -> NewsletterQuerySet:
        return self.filter(status=NewsletterSubscription.Status.CONFIRMED)


class NewsletterSubscription(models.Model):
    """The daily digest of one section, to one address, after double opt-in."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")

    email = models.EmailField(_("e-mail address"))
    section = models.ForeignKey(
        Section, verbose_name=_("section"), on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="newsletter_subscriptions",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    objects = NewsletterQuerySet.as_manager()

    class Meta:
        verbose_name = _("newsletter subscription")
        verbose_name_plural = _("newsletter subscriptions")
        constraints = [
            models.UniqueConstraint(fields=["email", "section"], name="newsletter_once"),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "confirmed", "unsubscribed"]),
                name="newsletter_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} · {self.section}"


class DigestSend(models.Model):
    """A day's digest, claimed for one subscriber before it is sent: never two the same day."""

    subscription = models.ForeignKey(
        NewsletterSubscription, on_delete=models.CASCADE, related_name="digests"
    )
    day = models.DateField()
    sent = models.BooleanField(default=False)
    article_count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subscription", "day"], name="digest_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.subscription} {self.day}"
