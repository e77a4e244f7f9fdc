"""Refreshing a source: what gets stored, what overwrites, and what is refused."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from masthead.datadesk import services
from masthead.datadesk.models import DataPoint, DataSource, IngestRun, RunStatus, RunTrigger
from masthead.datadesk.sources.jhu import FILE_NAMES

from .conftest import SAMPLE_DIR, copy_sample, write_jhu

pytestmark = pytest.mark.django_db


def refresh_from(directory: Path) -> IngestRun:
    return services.refresh("jhu", trigger=RunTrigger.COMMAND, from_dir=directory)


def world(metric: str, day: date) -> int | None:
    return DataPoint.objects.get(series__key=metric, region__code="world", date=day).value


def test_it_stores_countries_and_the_world_for_every_day() -> None:
    run = refresh_from(SAMPLE_DIR)
    assert run.status == RunStatus.SUCCEEDED
    # Six countries plus the world, five days, three metrics.
    assert DataPoint.objects.count() == 7 * 5 * 3
    assert world("confirmed", date(2020, 12, 3)) == 46980 + 40501 + 85927 + 6904 + 27949 + 293430
    source = DataSource.objects.get(key="jhu")
    assert (source.first_date, source.last_date) == (date(2020, 11, 30), date(2020, 12, 4))


def test_it_records_a_successful_run() -> None:
    run = refresh_from(SAMPLE_DIR)
    run.refresh_from_db()
    assert run.finished_at is not None
    assert run.points_written == 105
    assert "5 days" in run.message


def test_it_writes_nothing_when_nothing_changed() -> None:
    refresh_from(SAMPLE_DIR)
    assert refresh_from(SAMPLE_DIR).points_written == 0


def test_it_overwrites_earlier_values_with_corrections(tmp_path: Path) -> None:
    refresh_from(SAMPLE_DIR)
    corrected = copy_sample(tmp_path)
    path = corrected / FILE_NAMES["confirmed"]
    path.write_text(path.read_text().replace(",46980,", ",46990,"))
    run = refresh_from(corrected)
    assert run.points_written == 2  # Afghanistan and the world on 3 December
    assert (
        DataPoint.objects.get(
            series__key="confirmed", region__code="afghanistan", date=date(2020, 12, 3)
        ).value
        == 46990
    )


def test_it_bumps_the_data_version_on_each_successful_refresh() -> None:
    refresh_from(SAMPLE_DIR)
    first = DataSource.objects.get(key="jhu").data_version
    refresh_from(SAMPLE_DIR)
    assert DataSource.objects.get(key="jhu").data_version == first + 1


@pytest.mark.parametrize(
    "transform",
    [
        lambda text: text[: len(text) // 2],
        lambda text: text.replace("Country/Region", "Country"),
        lambda text: text.replace(",46980,", ",-1,"),
        lambda text: text.replace(",46980,", ",lots,"),
    ],
    ids=["truncated", "missing-column", "negative", "non-numeric"],
)
def test_it_keeps_last_good_data_when_the_csv_is_bad(tmp_path: Path, transform) -> None:
    refresh_from(SAMPLE_DIR)
    version = DataSource.objects.get(key="jhu").data_version
    broken = copy_sample(tmp_path)
    path = broken / FILE_NAMES["confirmed"]
    path.write_text(transform(path.read_text()))

    run = refresh_from(broken)

    assert run.status == RunStatus.FAILED
    assert run.message
    assert DataPoint.objects.count() == 105
    assert world("confirmed", date(2020, 12, 3)) == 501691
    assert DataSource.objects.get(key="jhu").data_version == version


def test_it_keeps_last_good_data_when_a_file_loses_most_countries(tmp_path: Path) -> None:
    refresh_from(SAMPLE_DIR)
    write_jhu(
        tmp_path,
        date(2020, 11, 30),
        confirmed=[("", "Austria", [1, 2, 3, 4, 5])],
        deaths=[("", "Austria", [1, 2, 3, 4, 5])],
        recovered=[("", "Austria", [1, 2, 3, 4, 5])],
    )
    run = refresh_from(tmp_path)
    assert run.status == RunStatus.FAILED
    assert "regions" in run.message
    assert world("confirmed", date(2020, 12, 3)) == 501691


def test_it_refuses_data_that_ends_before_the_stored_data(tmp_path: Path) -> None:
    refresh_from(SAMPLE_DIR)
    rows = [
        ("", name, [1, 2])
        for name in ("Afghanistan", "Albania", "Algeria", "Andorra", "Australia", "Austria")
    ]
    write_jhu(tmp_path, date(2020, 11, 30), confirmed=rows, deaths=rows, recovered=rows)
    run = refresh_from(tmp_path)
    assert run.status == RunStatus.FAILED
    assert "before the stored data" in run.message


def test_it_drops_values_a_source_has_withdrawn(tmp_path: Path) -> None:
    refresh_from(SAMPLE_DIR)
    names = ("Afghanistan", "Albania", "Algeria", "Andorra", "Australia", "Austria", "Angola")
    rows = [("", name, [1, 2, 3, 4, 5]) for name in names]
    write_jhu(tmp_path, date(2020, 12, 1), confirmed=rows, deaths=rows, recovered=rows)
    assert refresh_from(tmp_path).status == RunStatus.SUCCEEDED
    assert not DataPoint.objects.filter(date=date(2020, 11, 30)).exists()
    assert DataPoint.objects.filter(region__code="angola").count() == 15


def test_the_sample_loader_ingests_the_shipped_sample() -> None:
    run = services.load_sample()
    assert run.status == RunStatus.SUCCEEDED
    assert run.trigger == RunTrigger.SAMPLE
    assert world("deaths", date(2020, 12, 4)) == 1841 + 870 + 2492 + 77 + 908 + 3651
