"""COVID-19 cases, deaths and recoveries from the JHU CSSE global time series.

The three CSVs are "wide": one row per country or province, one column per day
(``Province/State,Country/Region,Lat,Long,1/22/20,1/23/20,...``), each cell a running total.
Provinces are summed into their country and countries into the world.

Quirks this parser deals with:
- recoveries stopped being counted in August 2021: the cells turn to zeros and, in some copies,
  the columns stop. A running total cannot fall back to zero, so a zero after a positive value is
  stored as "not reported", and days past the file's last column likewise;
- the series ended in March 2023; the store records the last date so the widget can say so;
- JHU corrects past days; re-ingesting overwrites them.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta
from itertools import pairwise
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from masthead.datadesk.models import WORLD_CODE, RegionKind, SeriesKind
from masthead.datadesk.sources.base import (
    Dataset,
    FetchError,
    ParseError,
    RawFiles,
    RegionRef,
    SeriesData,
    Source,
    download,
)

FIXED_COLUMNS = ["Province/State", "Country/Region", "Lat", "Long"]
WORLD = RegionRef(code=WORLD_CODE, name="World", kind=RegionKind.WORLD)


class JhuMetric(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed cases")
    DEATHS = "deaths", _("Deaths")
    RECOVERED = "recovered", _("Recoveries")


FILE_NAMES = {metric: f"time_series_covid19_{metric}_global.csv" for metric in JhuMetric.values}


def _url_settings() -> dict[str, str]:
    return {
        JhuMetric.CONFIRMED: settings.DATADESK_JHU_CONFIRMED_URL,
        JhuMetric.DEATHS: settings.DATADESK_JHU_DEATHS_URL,
        JhuMetric.RECOVERED: settings.DATADESK_JHU_RECOVERED_URL,
    }


class JhuCsseSource(Source):
    key = "jhu"
    name = "JHU CSSE"
    homepage = "https://github.com/CSSEGISandData/COVID-19"

    def fetch(self, *, from_dir: Path | None = None) -> RawFiles:
        if from_dir is not None:
            raw: dict[str, bytes] = {}
            for metric, file_name in FILE_NAMES.items():
                path = Path(from_dir) / file_name
                try:
                    raw[metric] = path.read_bytes()
                except OSError as error:
                    raise FetchError(f"Cannot read {path}: {error.strerror}.") from error
            return raw
        return {
            metric: download(
                url,
                timeout=settings.DATADESK_FETCH_TIMEOUT,
                max_bytes=settings.DATADESK_MAX_DOWNLOAD_BYTES,
            )
            for metric, url in _url_settings().items()
        }

    def parse(self, raw: RawFiles) -> Dataset:
        parsed = {metric: parse_wide_csv(raw[metric], label=FILE_NAMES[metric]) for metric in raw}
        missing = set(JhuMetric.values) - parsed.keys()
        if missing:
            raise ParseError(f"Missing file(s): {', '.join(sorted(missing))}.")
        dates, _confirmed = parsed[JhuMetric.CONFIRMED]
        if parsed[JhuMetric.DEATHS][0] != dates:
            raise ParseError("The deaths file covers other days than the confirmed-cases file.")
        recovered_dates = parsed[JhuMetric.RECOVERED][0]
        if recovered_dates != dates[: len(recovered_dates)]:
            raise ParseError("The recoveries file covers other days than the confirmed-cases file.")

        series = []
        for metric in JhuMetric:
            _dates, countries = parsed[metric.value]
            series.append(_series(metric, countries, len(dates)))
        return Dataset(dates=dates, series=series)


def _series(metric: JhuMetric, countries: dict[str, list[int]], days: int) -> SeriesData:
    data = SeriesData(key=metric.value, name=str(metric.label), kind=SeriesKind.CUMULATIVE)
    # The recoveries file may stop before the others; its own length bounds the world total.
    world = [0] * len(next(iter(countries.values())))
    codes: dict[str, str] = {}
    for name, totals in countries.items():
        code = slugify(name)
        if not code or code == WORLD_CODE or code in codes:
            raise ParseError(f"Country name {name!r} cannot be told apart from another region.")
        codes[code] = name
        for day, value in enumerate(totals):
            world[day] += value
        region = RegionRef(code=code, name=name, kind=RegionKind.COUNTRY)
        data.values[region] = pad(mark_unreported(totals), days)
    data.values[WORLD] = pad(mark_unreported(world), days)
    return data


def mark_unreported(totals: list[int]) -> list[int | None]:
    """A running total never returns to zero: a zero after a positive value is a missing report."""
    marked: list[int | None] = []
    seen_positive = False
    for value in totals:
        if value > 0:
            seen_positive = True
            marked.append(value)
        else:
            marked.append(None if seen_positive else value)
    return marked


def pad(values: list[int | None], days: int) -> list[int | None]:
    return values + [None] * (days - len(values))


def parse_wide_csv(content: bytes, *, label: str) -> tuple[list[date], dict[str, list[int]]]:
    """Dates and per-country running totals of one JHU file; provinces are summed."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ParseError(
            f"{label}: not UTF-8 text ({error.reason} at byte {error.start})."
        ) from None
    if text and not text.endswith("\n"):
        # JHU's files end with a newline; a body cut inside the last row still has the right
        # number of fields ("4603,46" for "4603,4605"), so the missing newline is the tell.
        raise ParseError(f"{label}: the file ends mid-row; it is truncated.")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise ParseError(f"{label}: the file is empty.") from None
    except csv.Error as error:
        raise ParseError(f"{label}: unreadable header: {error}.") from None
    if header[: len(FIXED_COLUMNS)] != FIXED_COLUMNS:
        raise ParseError(
            f"{label}: expected the columns {','.join(FIXED_COLUMNS)} first, "
            f"found {','.join(header[: len(FIXED_COLUMNS)])!r}."
        )
    dates = _parse_dates(header[len(FIXED_COLUMNS) :], label=label)

    width = len(header)
    countries: dict[str, list[int]] = {}
    try:
        for row in reader:
            if not row:
                continue
            line = reader.line_num
            if len(row) != width:
                raise ParseError(
                    f"{label} line {line}: {len(row)} fields where the header has {width}; "
                    "the file is truncated or malformed."
                )
            country = row[1].strip()
            if not country:
                raise ParseError(f"{label} line {line}: no Country/Region.")
            values = _parse_values(row[len(FIXED_COLUMNS) :], label=label, line=line)
            totals = countries.get(country)
            if totals is None:
                countries[country] = values
            else:
                countries[country] = [a + b for a, b in zip(totals, values, strict=True)]
    except csv.Error as error:
        raise ParseError(f"{label} line {reader.line_num}: {error}.") from None
    if not countries:
        raise ParseError(f"{label}: no data rows.")
    return dates, countries


def _parse_dates(cells: list[str], *, label: str) -> list[date]:
    if not cells:
        raise ParseError(f"{label}: no date columns.")
    dates = []
    for cell in cells:
        try:
            dates.append(datetime.strptime(cell.strip(), "%m/%d/%y").date())  # noqa: DTZ007
        except ValueError:
            raise ParseError(f"{label}: {cell!r} is not a date column (M/D/YY).") from None
    for previous, current in pairwise(dates):
        if current - previous != timedelta(days=1):
            raise ParseError(f"{label}: the date columns jump from {previous} to {current}.")
    return dates


def _parse_values(cells: list[str], *, label: str, line: int) -> list[int]:
    try:
        values = [int(cell) for cell in cells]
    except ValueError:
        bad = next(cell for cell in cells if not _is_int(cell))
        raise ParseError(f"{label} line {line}: {bad!r} is not a whole number.") from None
    if min(values) < 0:
        raise ParseError(f"{label} line {line}: negative value {min(values)}.")
    return values


def _is_int(cell: str) -> bool:
    try:
        int(cell)
    except ValueError:
        return False
    return True
