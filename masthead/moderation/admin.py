"""The staff side: sanctions, appeals, scopes; the audit log read-only; rule changes audited."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from masthead.moderation.models import (
    Appeal,
    AuditEntry,
    Decision,
    ModeratorScope,
    Sanction,
)
from masthead.standards.admin import RuleSettingAdmin
from masthead.standards.models import RuleSetting


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: nobody, not even a superuser, adds, changes or deletes an entry here."""

    list_display = ["created_at", "actor_name", "action", "target_type", "target_id", "reason"]
    list_filter = ["action", "target_type"]
    search_fields = ["actor_name", "action", "target_id", "reason"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Decision)
class DecisionAdmin(AuditEntryAdmin):
    list_display = ["created_at", "moderator", "outcome", "rule", "source", "comment"]
    list_filter = ["outcome", "source", "rule"]
    search_fields = ["text", "reason"]
    raw_id_fields = ["comment"]


@admin.register(Sanction)
class SanctionAdmin(admin.ModelAdmin):
    """Shown for reference; blocks are made and lifted in the workspace, through the services."""

    list_display = ["user", "kind", "permanent", "automatic", "created_at", "ends_at", "lifted_at"]
    list_filter = ["kind", "permanent", "automatic"]
    raw_id_fields = ["user", "created_by", "lifted_by"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Appeal)
class AppealAdmin(SanctionAdmin):
    list_display = ["user", "subject", "status", "created_at", "decided_by", "decided_at"]
    list_filter = ["status"]
    raw_id_fields = ["user", "sanction", "decided_by"]


@admin.register(ModeratorScope)
class ModeratorScopeAdmin(admin.ModelAdmin):
    list_display = ["moderator", "section"]
    raw_id_fields = ["moderator"]


class RuleChangeForm(forms.ModelForm):
    # Optional so scripted and older forms keep working; the audit entry says when it was empty.
    change_reason = forms.CharField(
        label="Why this change",
        max_length=500,
        required=False,
        help_text="Written to the moderation audit log with your name and the time.",
    )

    class Meta:
        model = RuleSetting
        fields = ["title", "explanation", "action", "threshold", "enabled"]


class AuditedRuleSettingAdmin(RuleSettingAdmin):
    """Every change to a rule is written to the audit log: who, what (before/after), why, when."""

    form = RuleChangeForm

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        from masthead.moderation.services import audit

        before: dict[str, Any] = {}
        if obj.pk:
            previous = dict(RuleSetting.objects.filter(pk=obj.pk).values().first() or {})
            before = {name: previous.get(name) for name in form.changed_data if name in previous}
        super().save_model(request, obj, form, change)
        after = {name: getattr(obj, name) for name in form.changed_data if hasattr(obj, name)}
        audit(
            actor=request.user,
            action="rule.change",
            target=obj,
            reason=form.cleaned_data.get("change_reason") or "(no reason given)",
            details={"code": obj.code, "before": before, "after": after},
        )

    def get_changelist_form(self, request: HttpRequest, **kwargs: Any) -> Any:
        # The list's inline edits have no room for a reason; they are audited with a fixed one.
        kwargs.setdefault("form", forms.ModelForm)
        return super().get_changelist_form(request, **kwargs)


admin.site.unregister(RuleSetting)
admin.site.register(RuleSetting, AuditedRuleSettingAdmin)
