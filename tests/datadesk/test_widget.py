"""The header widget: the figures of the day, the change, the sparkline, and its cache."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext

from masthead.datadesk import services
from masthead.datadesk.models import RunTrigger
from masthead.datadesk.sources.jhu import FILE_NAMES

from .conftest import SAMPLE_DIR, copy_sample, write_jhu

pytestmark = pytest.mark.django_db

TEMPLATE = Template("{% load datadesk %}<header>{% covid_widget as_of %}</header>")


def render(as_of: date | datetime | None = None) -> str:
    return TEMPLATE.render(Context({"as_of": as_of}))


def load(directory: Path = SAMPLE_DIR) -> None:
    services.refresh("jhu", trigger=RunTrigger.COMMAND, from_dir=directory)


def test_it_renders_nothing_without_data() -> None:
    assert render() == "<header></header>"
    assert render(date(2020, 12, 3)) == "<header></header>"


def test_it_shows_the_figures_of_the_day_an_article_was_published() -> None:
    load()
    published_at = datetime(2020, 12, 3, 2, 54, tzinfo=ZoneInfo("UTC"))
    html = render(published_at)
    assert "As of 3 December 2020" in html
    assert "501,691" in html  # confirmed
    assert "379,918" in html  # recoveries
    assert "9,677" in html  # deaths
    assert "+149 since the day before" in html  # deaths, from 9,528 on 2 December


def test_it_shows_the_latest_figures_without_a_date() -> None:
    load()
    html = render()
    assert "As of 4 December 2020" in html
    assert "507,446" in html


def test_it_names_and_links_the_source_and_says_when_it_was_last_updated() -> None:
    load()
    html = render(date(2020, 12, 1))
    assert 'href="https://github.com/CSSEGISandData/COVID-19"' in html
    assert "JHU CSSE" in html
    assert "Last updated 4 December 2020" in html


def test_it_draws_a_sparkline_without_script_or_inline_style() -> None:
    load()
    html = render()
    assert re.search(r'<polyline class="datadesk-sparkline__line" points="[\d., ]+"', html)
    assert "<script" not in html
    assert "style=" not in html


def test_it_says_not_reported_instead_of_zero_for_stopped_recoveries(tmp_path: Path) -> None:
    rows = [("", "Spain", [10, 20, 30])]
    write_jhu(
        tmp_path,
        date(2021, 8, 4),
        confirmed=rows,
        deaths=rows,
        recovered=[("", "Spain", [5, 0, 0])],
    )
    load(tmp_path)
    html = render()
    assert "not reported" in html
    assert ">0<" not in html


def test_it_serves_the_second_render_from_the_cache_without_queries() -> None:
    load()
    render(date(2020, 12, 3))
    with CaptureQueriesContext(connection) as queries:
        html = render(date(2020, 12, 3))
    assert len(queries) == 0
    assert "501,691" in html


def test_it_shows_corrected_figures_after_a_refresh(tmp_path: Path) -> None:
    load()
    assert "501,691" in render(date(2020, 12, 3))
    corrected = copy_sample(tmp_path)
    path = corrected / FILE_NAMES["confirmed"]
    path.write_text(path.read_text().replace(",46980,", ",46990,"))
    load(corrected)
    assert "501,701" in render(date(2020, 12, 3))


def test_it_renders_nothing_for_a_day_before_the_data_begins() -> None:
    load()
    assert render(date(2019, 12, 31)) == "<header></header>"
