"""Data sources, their daily series and the record of every ingestion attempt.

A value is stored once per (series, region, date). ``value`` is NULL when the publisher did not
report that day (JHU stopped counting recoveries in August 2021): readers see "not reported",
never a misleading zero.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class RegionKind(models.TextChoices):
    WORLD = "world", _("World")
    COUNTRY = "country", _("Country")


class SeriesKind(models.TextChoices):
    # A running total (cases to date): the daily change is meaningful and it never returns to
    # zero, so a zero after a positive value means "not reported".
    CUMULATIVE = "cumulative", _("Running total")
    # A reading on the day (an exchange rate, a share of the vote).
    LEVEL = "level", _("Level")


class RunStatus(models.TextChoices):
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")


class RunTrigger(models.TextChoices):
    COMMAND = "command", _("Management command")
    TASK = "task", _("Scheduled task")
    SAMPLE = "sample", _("Sample data")


WORLD_CODE = "world"


class Region(models.Model):
    code = models.SlugField(max_length=100, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=RegionKind.choices)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=RegionKind.values), name="datadesk_region_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class DataSource(models.Model):
    key = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=200)
    homepage = models.URLField()
    # Bumped on every successful refresh; cached fragments are keyed by it.
    data_version = models.PositiveIntegerField(default=0)
    first_date = models.DateField(null=True, blank=True)
    last_date = models.DateField(null=True, blank=True)
    region_count = models.PositiveIntegerField(default=0)
    refreshed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Series(models.Model):
    source = models.ForeignKey(DataSource, on_delete=models.CASCADE, related_name="series")
    key = models.SlugField(max_length=50)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=12, choices=SeriesKind.choices)
    # Values are whole numbers; a rate such as 1.0842 is stored as 10842 with decimals=4.
    decimals = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["source", "key"]
        verbose_name_plural = "series"
        constraints = [
            models.UniqueConstraint(fields=["source", "key"], name="datadesk_series_unique_key"),
            models.CheckConstraint(
                condition=Q(kind__in=SeriesKind.values), name="datadesk_series_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source.key}/{self.key}"


class DataPoint(models.Model):
    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="points")
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="points")
    date = models.DateField()
    value = models.BigIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            # Also the index behind every read: one series, one region, a date range.
            models.UniqueConstraint(
                fields=["series", "region", "date"], name="datadesk_point_unique_day"
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=0),
                name="datadesk_point_value_not_negative",
            ),
        ]
        # The country table reads every region of a series on one day.
        indexes = [models.Index(fields=["series", "date"], name="datadesk_point_series_date")]

    def __str__(self) -> str:
        return f"{self.series_id}/{self.region_id}/{self.date}={self.value}"


class IngestRun(models.Model):
    source = models.ForeignKey(DataSource, on_delete=models.CASCADE, related_name="runs")
    trigger = models.CharField(max_length=10, choices=RunTrigger.choices)
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.RUNNING)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    points_written = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=RunStatus.values), name="datadesk_run_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(trigger__in=RunTrigger.values), name="datadesk_run_trigger_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=RunStatus.RUNNING) | Q(finished_at__isnull=False),
                name="datadesk_run_finished_when_done",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source.key} {self.started_at:%Y-%m-%d %H:%M} {self.status}"
