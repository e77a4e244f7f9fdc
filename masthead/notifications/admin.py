from __future__ import annotations

from django.contrib import admin
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from masthead.notifications.models import (
    Delivery,
    NewsletterSubscription,
    NotificationPreference,
    PushNotification,
    PushSubscription,
)


@admin.register(PushSubscription)
class PushSubscriptionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "user", "paused", "created_at", "last_sent_at"]
    list_filter = ["paused"]
    search_fields = ["endpoint", "user__username"]
    readonly_fields = ["endpoint", "p256dh", "auth", "user", "created_at", "last_sent_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(PushNotification)
class PushNotificationAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "breaking", "created_at", "sent", "pending", "gone", "failed"]
    list_filter = ["kind", "breaking"]
    readonly_fields = [f.name for f in PushNotification._meta.fields]

    def get_queryset(self, request: HttpRequest) -> QuerySet[PushNotification]:
        s = Delivery.Status
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_sent=Count("deliveries", filter=Q(deliveries__status=s.SENT)),
                n_pending=Count(
                    "deliveries",
                    filter=Q(deliveries__status__in=[s.QUEUED, s.SENDING, s.RETRY]),
                ),
                n_gone=Count("deliveries", filter=Q(deliveries__status=s.GONE)),
                n_failed=Count("deliveries", filter=Q(deliveries__status=s.FAILED)),
            )
        )

    @admin.display(description=_("sent"))
    def sent(self, obj: PushNotification) -> int:
        return obj.n_sent  # type: ignore[attr-defined]

    @admin.display(description=_("pending"))
    def pending(self, obj: PushNotification) -> int:
        return obj.n_pending  # type: ignore[attr-defined]

    @admin.display(description=_("expired"))
    def gone(self, obj: PushNotification) -> int:
        return obj.n_gone  # type: ignore[attr-defined]

    @admin.display(description=_("failed"))
    def failed(self, obj: PushNotification) -> int:
        return obj.n_failed  # type: ignore[attr-defined]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(NewsletterSubscription)
class NewsletterSubscriptionAdmin(admin.ModelAdmin):
    list_display = ["email", "section", "status", "created_at", "confirmed_at"]
    list_filter = ["status", "section"]
    search_fields = ["email"]


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "email_replies", "email_decisions"]
    search_fields = ["user__username"]
