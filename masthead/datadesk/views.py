"""The COVID-19 data page and its CSV. Views parse the query string and call the selectors."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import cast

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from masthead.datadesk import selectors, svg
from masthead.datadesk.sources.jhu import JhuMetric

DEFAULT_SORT: selectors.SortKey = "confirmed"
CHART_WIDTH, CHART_HEIGHT = 640, 160


def _sort_params(request: HttpRequest) -> tuple[selectors.SortKey, bool]:
    """The requested order, or the default for anything unknown: a bad link still shows data."""
    sort = request.GET.get("sort", DEFAULT_SORT)
    if sort not in selectors.SORT_KEYS:
        sort = DEFAULT_SORT
    direction = request.GET.get("dir")
    if direction not in {"asc", "desc"}:
        direction = "asc" if sort == "country" else "desc"
    return cast(selectors.SortKey, sort), direction == "desc"


@require_safe
def covid19(request: HttpRequest) -> HttpResponse:
    source = selectors.covid_source()
    context: dict[str, object] = {"source": source}
    if source is not None:
        sort, descending = _sort_params(request)
        history = selectors.world_history(source)
        charts = []
        for metric, title in (
            (JhuMetric.CONFIRMED, _("New confirmed cases per day, world (7-day average)")),
            (JhuMetric.DEATHS, _("New deaths per day, world (7-day average)")),
        ):
            points = history.get(metric.value, [])
            daily = svg.rolling_mean(svg.daily_changes([value for _day, value in points]), 7)
            chart = svg.chart(daily, width=CHART_WIDTH, height=CHART_HEIGHT)
            if chart:
                charts.append(
                    {"title": title, "chart": chart, "start": points[0][0], "end": points[-1][0]}
                )
        latest = selectors.covid_widget_data(None, source)
        columns = [
            {
                "key": key,
                "label": label,
                "active": key == sort,
                "next_dir": _next_dir(key, sort, descending),
            }
            for key, label in (
                ("country", _("Country")),
                ("confirmed", JhuMetric.CONFIRMED.label),
                ("deaths", JhuMetric.DEATHS.label),
                ("recovered", JhuMetric.RECOVERED.label),
            )
        ]
        context.update(
            charts=charts,
            latest=latest,
            columns=columns,
            descending=descending,
            rows=selectors.country_table(source, sort=sort, descending=descending),
        )
    return render(request, "datadesk/covid19.html", context)


def _next_dir(key: str, sort: str, descending: bool) -> str:
    if key == sort:
        return "asc" if descending else "desc"
    return "asc" if key == "country" else "desc"


class _Echo:
    def write(self, value: str) -> str:
        return value


@require_safe
def covid19_csv(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    source = selectors.covid_source()
    if source is None:
        return HttpResponse(
            _("No data has been loaded yet."), status=404, content_type="text/plain"
        )
    writer = csv.writer(_Echo())

    def lines() -> Iterator[str]:
        yield writer.writerow(["date", "region", *JhuMetric.values])
        for (region, day), values in selectors.csv_rows(source):
            yield writer.writerow(
                [day.isoformat(), region, *(_cell(values.get(m)) for m in JhuMetric.values)]
            )

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="covid-19.csv"'
    return response


def _cell(value: int | None) -> str:
    # An empty cell, not 0, where the source reported nothing.
    return "" if value is None else str(value)
