"""The real fetch path, against a web server on 127.0.0.1 (never the internet)."""

from __future__ import annotations

from datetime import date

import pytest

from masthead.datadesk import services
from masthead.datadesk.models import DataPoint, RunStatus, RunTrigger
from masthead.datadesk.sources.base import FetchError, download
from masthead.datadesk.sources.jhu import FILE_NAMES

from .conftest import FakeServer, Route

pytestmark = pytest.mark.django_db


def refresh() -> RunStatus:
    return RunStatus(services.refresh("jhu", trigger=RunTrigger.TASK).status)


def test_it_fetches_and_stores_the_three_files(jhu_urls: FakeServer) -> None:
    assert refresh() == RunStatus.SUCCEEDED
    assert DataPoint.objects.filter(region__code="world", date=date(2020, 12, 4)).count() == 3


def test_it_keeps_last_good_data_when_the_server_answers_500(jhu_urls: FakeServer) -> None:
    refresh()
    jhu_urls.routes[FILE_NAMES["deaths"]] = Route(status=500, body=b"oops")
    run = services.refresh("jhu", trigger=RunTrigger.TASK)
    assert run.status == RunStatus.FAILED
    assert "HTTP 500" in run.message
    assert DataPoint.objects.count() == 105


def test_it_keeps_last_good_data_when_the_body_is_cut_short(jhu_urls: FakeServer) -> None:
    refresh()
    name = FILE_NAMES["recovered"]
    body = jhu_urls.routes[name].body
    jhu_urls.routes[name] = Route(body=body[: len(body) // 2], cut_short=True)
    run = services.refresh("jhu", trigger=RunTrigger.TASK)
    assert run.status == RunStatus.FAILED
    assert "ended early" in run.message
    assert DataPoint.objects.count() == 105


def test_it_keeps_last_good_data_when_the_server_is_unreachable(
    jhu_urls: FakeServer, settings: pytest.FixtureRequest
) -> None:
    refresh()
    # Port 9 (discard) on the loopback interface: nothing listens there.
    settings.DATADESK_JHU_CONFIRMED_URL = "http://127.0.0.1:9/confirmed.csv"  # type: ignore[attr-defined]
    run = services.refresh("jhu", trigger=RunTrigger.TASK)
    assert run.status == RunStatus.FAILED
    assert "Could not reach" in run.message
    assert DataPoint.objects.count() == 105


def test_it_refuses_a_body_over_the_size_limit(web_server: FakeServer) -> None:
    web_server.routes["big.csv"] = Route(body=b"x" * 2048)
    with pytest.raises(FetchError, match="larger than"):
        download(web_server.url("big.csv"), timeout=5, max_bytes=1024)


def test_it_refuses_urls_that_are_not_http() -> None:
    with pytest.raises(FetchError, match="only http"):
        download("file:///etc/passwd", timeout=5, max_bytes=1024)
