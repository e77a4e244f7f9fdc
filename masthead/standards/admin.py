from django.contrib import admin

from masthead.standards.models import RuleSetting


@admin.register(RuleSetting)
class RuleSettingAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "action", "threshold", "enabled", "updated_at"]
    list_editable = ["action", "threshold", "enabled"]
    list_filter = ["action", "enabled"]
    search_fields = ["code", "title", "explanation"]
    readonly_fields = ["code", "updated_at"]

    def has_add_permission(self, request: object) -> bool:
        # Rules come from the catalogue; a row without a check behind it would do nothing.
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
