from django.contrib import admin
from django.http import HttpRequest

from masthead.datadesk.models import DataSource, IngestRun, Series


class SeriesInline(admin.TabularInline):
    model = Series
    extra = 0
    fields = ["key", "name", "kind", "decimals"]
    readonly_fields = ["key", "name", "kind", "decimals"]
    can_delete = False


@admin.register(DataSource)
class DataSourceAdmin(admin.ModelAdmin):
    list_display = ["name", "key", "first_date", "last_date", "region_count", "refreshed_at"]
    readonly_fields = [
        "data_version",
        "first_date",
        "last_date",
        "region_count",
        "refreshed_at",
    ]
    inlines = [SeriesInline]


@admin.register(IngestRun)
class IngestRunAdmin(admin.ModelAdmin):
    list_display = ["started_at", "source", "trigger", "status", "points_written", "message"]
    list_filter = ["status", "source", "trigger"]
    readonly_fields = [
        "source",
        "trigger",
        "status",
        "started_at",
        "finished_at",
        "points_written",
        "message",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Runs are a record of what happened; they are made by refreshing, not by hand.
        return False
