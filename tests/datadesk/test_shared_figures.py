"""Our sums against the published daily world totals in the shared data directory.

The shared files are already aggregated (world totals; eight key countries), so the test turns
them back into JHU's wide format, with China split into provinces and the rest of the world as
one more row, and checks that parsing and summing give the published figures back, day by day.
"""

from __future__ import annotations

import csv
import os
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template

from masthead.datadesk import services
from masthead.datadesk.models import RunStatus, RunTrigger
from masthead.datadesk.sources.jhu import JhuCsseSource

from .conftest import write_jhu


def shared_dir() -> Path:
    root = os.environ.get("MASTHEAD_SHARED_DIR") or Path(settings.BASE_DIR).parent / "shared"
    return Path(root) / "data" / "covid19"


@pytest.fixture(scope="module")
def published() -> dict[str, list]:
    directory = shared_dir()
    if not (directory / "worldwide-aggregate.csv").exists():
        pytest.skip(
            f"The shared COVID-19 figures are not at {directory} (set MASTHEAD_SHARED_DIR)."
        )
    with (directory / "worldwide-aggregate.csv").open() as handle:
        world = list(csv.DictReader(handle))
    with (directory / "key-countries-pivoted.csv").open() as handle:
        countries = list(csv.DictReader(handle))
    assert [row["Date"] for row in world] == [row["Date"] for row in countries]
    return {"world": world, "countries": countries}


@pytest.fixture(scope="module")
def wide_dir(published: dict[str, list], tmp_path_factory: pytest.TempPathFactory) -> Path:
    world, countries = published["world"], published["countries"]
    names = [name for name in countries[0] if name != "Date"]
    confirmed = []
    for name in names:
        totals = [int(row[name]) for row in countries]
        if name == "China":
            hubei = [total // 2 for total in totals]
            confirmed.append(("Hubei", "China", hubei))
            confirmed.append(
                ("Other provinces", "China", [t - h for t, h in zip(totals, hubei, strict=True)])
            )
        else:
            confirmed.append(("", name.replace("_", " "), totals))
    rest = [
        int(row["Confirmed"]) - sum(int(country[name]) for name in names)
        for row, country in zip(world, countries, strict=True)
    ]
    confirmed.append(("", "Rest of world", rest))
    return write_jhu(
        tmp_path_factory.mktemp("shared-wide"),
        date.fromisoformat(world[0]["Date"]),
        confirmed=confirmed,
        deaths=[("", "Rest of world", [int(row["Deaths"]) for row in world])],
        recovered=[("", "Rest of world", [int(row["Recovered"]) for row in world])],
    )


def world_values(wide_dir: Path, metric: str) -> list[int | None]:
    source = JhuCsseSource()
    dataset = source.parse(source.fetch(from_dir=wide_dir))
    series = next(s for s in dataset.series if s.key == metric)
    return next(v for region, v in series.values.items() if region.code == "world")


def test_world_confirmed_cases_match_the_published_totals(wide_dir: Path, published: dict) -> None:
    expected = [int(row["Confirmed"]) for row in published["world"]]
    assert world_values(wide_dir, "confirmed") == expected


def test_world_deaths_match_the_published_totals(wide_dir: Path, published: dict) -> None:
    expected = [int(row["Deaths"]) for row in published["world"]]
    assert world_values(wide_dir, "deaths") == expected


def test_recoveries_match_until_jhu_stopped_counting_then_are_not_reported(
    wide_dir: Path, published: dict
) -> None:
    recovered = world_values(wide_dir, "recovered")
    days = [row["Date"] for row in published["world"]]
    stop = days.index("2021-08-05")
    assert recovered[stop - 1] == 130_899_061
    assert recovered[:stop] == [int(row["Recovered"]) for row in published["world"][:stop]]
    assert recovered[stop:] == [None] * (len(days) - stop)


def test_provinces_add_up_to_the_published_country_total(wide_dir: Path, published: dict) -> None:
    source = JhuCsseSource()
    dataset = source.parse(source.fetch(from_dir=wide_dir))
    confirmed = next(s for s in dataset.series if s.key == "confirmed")
    china = next(v for region, v in confirmed.values.items() if region.code == "china")
    assert china == [int(row["China"]) for row in published["countries"]]


@pytest.mark.django_db
def test_the_widget_shows_the_published_figures_for_3_december_2020(wide_dir: Path) -> None:
    run = services.refresh("jhu", trigger=RunTrigger.COMMAND, from_dir=wide_dir)
    assert run.status == RunStatus.SUCCEEDED
    template = Template("{% load datadesk %}{% covid_widget day %}")
    html = template.render(Context({"day": date(2020, 12, 3)}))
    assert "65,331,254" in html
    assert "41,935,968" in html
    assert "1,561,779" in html
    assert "+691,276 since the day before" in html  # from 64,639,978 on 2 December
    latest = template.render(Context({"day": None}))
    assert "not reported" in latest
    assert "Last updated 16 April 2022" in latest
