from __future__ import annotations

from typing import Any, cast

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.admin import UserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone

from masthead.accounts import services
from masthead.accounts.forms import AdminDeleteForm
from masthead.accounts.models import AccountAuditEntry, Consent, DataExport, PrivacyPolicy, User


@admin.register(User)
class MastheadUserAdmin(UserAdmin):
    fieldsets = [
        *UserAdmin.fieldsets,  # type: ignore[misc]
        ("Masthead", {"fields": ["display_name", "avatar", "deactivated_at", "purged_at"]}),
    ]
    readonly_fields = ["deactivated_at", "purged_at"]
    list_display = ["username", "email", "display_name", "is_staff", "is_active", "date_joined"]
    list_filter = [*UserAdmin.list_filter, "deactivated_at", "purged_at"]
    search_fields = ["username", "email", "display_name", "first_name", "last_name"]
    actions = ["delete_without_notice"]

    # Accounts leave only through services (deletion, purge, deletion without notice), which
    # run the other apps' hooks and keep the audit trail; a raw delete would skip both.
    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description="Delete the selected accounts without notice (purge now)")
    def delete_without_notice(
        self, request: HttpRequest, queryset: QuerySet[User]
    ) -> HttpResponse | None:
        # An intermediate page asks for the reason; the audit log keeps it with who and when.
        form = AdminDeleteForm(request.POST if "reason" in request.POST else None)
        if form.is_bound and form.is_valid():
            count = 0
            for user in queryset.filter(purged_at__isnull=True):
                if user.pk == request.user.pk:
                    self.message_user(request, "You cannot delete yourself.", messages.ERROR)
                    continue
                services.delete_account_without_notice(
                    user,
                    actor=cast(User, request.user),
                    reason=form.cleaned_data["reason"],
                )
                count += 1
            self.message_user(request, f"{count} account(s) deleted without notice.")
            return None
        return TemplateResponse(
            request,
            "accounts/admin_delete_without_notice.html",
            {
                **self.admin_site.each_context(request),
                "title": "Delete accounts without notice",
                "users": queryset,
                "form": form,
                "action_checkbox_name": ACTION_CHECKBOX_NAME,
                "opts": self.model._meta,
            },
        )


@admin.register(PrivacyPolicy)
class PrivacyPolicyAdmin(admin.ModelAdmin):
    list_display = ["version", "published_at", "created_at"]
    search_fields = ["version", "text"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # Readers consented to this exact text: once it is live, a change is a new version.
        if obj is not None and obj.published_at is not None and obj.published_at <= timezone.now():
            return ["version", "text", "published_at"]
        return []

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None or not obj.consents.exists()


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Consent)
class ConsentAdmin(ReadOnlyAdmin):
    list_display = ["given_at", "policy", "method", "user", "anonymous_id"]
    list_filter = ["method", "policy"]
    list_select_related = ["policy", "user"]


@admin.register(AccountAuditEntry)
class AccountAuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "action", "subject", "subject_anonymous_id", "actor", "reason"]
    list_filter = ["action"]
    list_select_related = ["subject", "actor"]


@admin.register(DataExport)
class DataExportAdmin(ReadOnlyAdmin):
    list_display = ["requested_at", "user", "status", "expires_at"]
    list_filter = ["status"]
