"""Reads for the widget and the data page. What readers see is decided here, once."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from django.utils import timezone

from masthead.datadesk import svg
from masthead.datadesk.models import WORLD_CODE, DataPoint, DataSource, RegionKind
from masthead.datadesk.sources.jhu import JhuCsseSource, JhuMetric

SPARKLINE_DAYS = 30
COVID_SOURCE = JhuCsseSource.key


def covid_source() -> DataSource | None:
    return DataSource.objects.filter(key=COVID_SOURCE, last_date__isnull=False).first()


def as_date(as_of: date | datetime | None) -> date | None:
    """The calendar day of a publication time, in the site's time zone."""
    if isinstance(as_of, datetime):
        return timezone.localdate(as_of) if timezone.is_aware(as_of) else as_of.date()
    return as_of


@dataclass(frozen=True)
class Figure:
    metric: str
    label: str
    value: int | None  # None: not reported that day
    change: int | None  # against the day before; None when either day is unreported


@dataclass(frozen=True)
class WidgetData:
    day: date
    figures: list[Figure]
    sparkline: svg.Chart | None
    last_updated: date
    source_name: str
    source_url: str


def covid_widget_data(as_of: date | None, source: DataSource | None = None) -> WidgetData | None:
    """World figures on the day `as_of` (the latest when None); None when there is no data."""
    source = source or covid_source()
    if source is None or source.last_date is None:
        return None
    day = min(as_of, source.last_date) if as_of else source.last_date
    rows = DataPoint.objects.filter(
        series__source=source,
        region__code=WORLD_CODE,
        date__lte=day,
        date__gte=day - timedelta(days=SPARKLINE_DAYS),
    ).values_list("series__key", "date", "value")
    by_metric: dict[str, dict[date, int | None]] = defaultdict(dict)
    for key, point_date, value in rows:
        by_metric[key][point_date] = value
    confirmed = by_metric[JhuMetric.CONFIRMED]
    reported_days = [d for d, value in confirmed.items() if value is not None]
    if not reported_days:
        return None
    day = max(reported_days)
    previous = day - timedelta(days=1)
    figures = []
    for metric in JhuMetric:
        values = by_metric[metric.value]
        value, before = values.get(day), values.get(previous)
        change = value - before if value is not None and before is not None else None
        figures.append(Figure(metric.value, str(metric.label), value, change))
    history = [confirmed.get(d) for d in sorted(confirmed) if d <= day]
    return WidgetData(
        day=day,
        figures=figures,
        sparkline=svg.chart(svg.daily_changes(history), width=120, height=28),
        last_updated=source.last_date,
        source_name=source.name,
        source_url=source.homepage,
    )


SortKey = Literal["country", "confirmed", "deaths", "recovered"]
SORT_KEYS: tuple[SortKey, ...] = ("country", "confirmed", "deaths", "recovered")


@dataclass(frozen=True)
class CountryRow:
    code: str
    name: str
    confirmed: int | None
    deaths: int | None
    recovered: int | None


def country_table(
    source: DataSource, *, sort: SortKey = "confirmed", descending: bool = True
) -> list[CountryRow]:
    """Every country on the source's last day. Unreported values sort last either way."""
    if source.last_date is None:
        return []
    rows = DataPoint.objects.filter(
        series__source=source, date=source.last_date, region__kind=RegionKind.COUNTRY
    ).values_list("region__code", "region__name", "series__key", "value")
    table: dict[str, dict[str, object]] = {}
    for code, name, key, value in rows:
        table.setdefault(code, {"code": code, "name": name})[key] = value
    result = [
        CountryRow(
            code=str(entry["code"]),
            name=str(entry["name"]),
            confirmed=entry.get(JhuMetric.CONFIRMED),  # type: ignore[arg-type]
            deaths=entry.get(JhuMetric.DEATHS),  # type: ignore[arg-type]
            recovered=entry.get(JhuMetric.RECOVERED),  # type: ignore[arg-type]
        )
        for entry in table.values()
    ]
    if sort == "country":
        result.sort(key=lambda row: row.name.casefold(), reverse=descending)
        return result
    reported = [row for row in result if getattr(row, sort) is not None]
    unreported = [row for row in result if getattr(row, sort) is None]
    reported.sort(key=lambda row: (getattr(row, sort), row.name), reverse=descending)
    unreported.sort(key=lambda row: row.name)
    return reported + unreported


def world_history(source: DataSource) -> dict[str, list[tuple[date, int | None]]]:
    rows = (
        DataPoint.objects.filter(series__source=source, region__code=WORLD_CODE)
        .order_by("date")
        .values_list("series__key", "date", "value")
    )
    history: dict[str, list[tuple[date, int | None]]] = defaultdict(list)
    for key, day, value in rows:
        history[key].append((day, value))
    return history


def csv_rows(source: DataSource) -> Iterator[tuple[tuple[str, date], dict[str, int | None]]]:
    """(date, region, confirmed, deaths, recovered) for every region and day, streamed."""
    rows = (
        DataPoint.objects.filter(series__source=source)
        .order_by("region__kind", "region__name", "date")
        .values_list("region__name", "date", "series__key", "value")
    )
    current: tuple[str, date] | None = None
    values: dict[str, int | None] = {}
    for name, day, key, value in rows.iterator(chunk_size=5000):
        if (name, day) != current:
            if current is not None:
                yield current, values
            current, values = (name, day), {}
        values[key] = value
    if current is not None:
        yield current, values
