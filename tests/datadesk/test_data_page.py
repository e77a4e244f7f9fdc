"""The data page at /data/covid-19/ and its CSV download."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.test import Client
from django.urls import reverse

from masthead.datadesk import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded() -> None:
    services.load_sample()


def country_order(html: str) -> list[str]:
    return [
        line.split(">")[1].split("<")[0] for line in html.splitlines() if '<th scope="row">' in line
    ]


def test_it_says_so_when_there_is_no_data(client: Client) -> None:
    response = client.get(reverse("datadesk:covid19"))
    assert response.status_code == 200
    assert "No data has been loaded yet" in response.content.decode()


def test_it_draws_charts_and_lists_countries_by_confirmed_cases(
    client: Client, loaded: None
) -> None:
    response = client.get("/data/covid-19/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('<polyline class="datadesk-chart__line"') == 2
    assert country_order(html)[:2] == ["Austria", "Algeria"]
    assert "style=" not in html
    # The site's own script file is fine; no script may be written into the page itself.
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []


def test_it_sorts_by_a_column_from_the_query_string(client: Client, loaded: None) -> None:
    html = client.get("/data/covid-19/", {"sort": "deaths", "dir": "asc"}).content.decode()
    assert country_order(html)[0] == "Andorra"
    html = client.get("/data/covid-19/", {"sort": "country", "dir": "desc"}).content.decode()
    assert country_order(html)[0] == "Austria"


@pytest.mark.parametrize(
    "query",
    [
        {"sort": "password"},
        {"sort": "deaths", "dir": "sideways"},
        {"sort": "x" * 5000, "dir": "y" * 5000},
        {"sort": ["deaths", "country"]},
    ],
)
def test_it_falls_back_to_the_default_order_on_bad_input(
    client: Client, loaded: None, query: dict[str, str | list[str]]
) -> None:
    response = client.get("/data/covid-19/", query)
    assert response.status_code == 200
    assert country_order(response.content.decode())[0] in {"Austria", "Andorra", "Afghanistan"}


def test_it_offers_every_day_of_every_region_as_csv(client: Client, loaded: None) -> None:
    response = client.get(reverse("datadesk:covid19_csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))  # type: ignore[attr-defined]
    assert rows[0] == ["date", "region", "confirmed", "deaths", "recovered"]
    assert ["2020-12-03", "Afghanistan", "46980", "1822", "37260"] in rows
    assert len(rows) == 1 + 7 * 5


def test_the_csv_is_a_404_without_data(client: Client) -> None:
    assert client.get("/data/covid-19.csv").status_code == 404


def test_it_refuses_to_be_posted_to(client: Client, loaded: None) -> None:
    assert client.post("/data/covid-19/").status_code == 405
