"""The management command, the scheduled task and the admin's record of runs."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client

from masthead.datadesk import tasks
from masthead.datadesk.models import DataPoint, IngestRun, RunStatus, RunTrigger
from masthead.datadesk.sources.jhu import FILE_NAMES

from .conftest import SAMPLE_DIR, FakeServer, Route, copy_sample

pytestmark = pytest.mark.django_db


def test_the_command_loads_the_sample() -> None:
    out = io.StringIO()
    call_command("datadesk", "load_sample", stdout=out)
    assert "5 days" in out.getvalue()
    assert IngestRun.objects.get().trigger == RunTrigger.SAMPLE


def test_the_command_refreshes_from_a_directory() -> None:
    call_command(
        "datadesk",
        "refresh",
        "--source",
        "jhu",
        "--from-dir",
        str(SAMPLE_DIR),
        stdout=io.StringIO(),
    )
    assert DataPoint.objects.count() == 105


def test_the_command_fails_loudly_and_keeps_data_on_bad_input(tmp_path: Path) -> None:
    call_command("datadesk", "load_sample", stdout=io.StringIO())
    broken = copy_sample(tmp_path)
    (broken / FILE_NAMES["deaths"]).write_text("Province/State,Country/Region\n")
    with pytest.raises(CommandError, match="kept the last good data"):
        call_command("datadesk", "refresh", "--from-dir", str(broken), stdout=io.StringIO())
    assert DataPoint.objects.count() == 105


def test_the_scheduled_task_refreshes_every_source(jhu_urls: FakeServer) -> None:
    result = tasks.refresh_sources.enqueue()
    assert result.return_value == {"jhu": RunStatus.SUCCEEDED}
    assert IngestRun.objects.get().trigger == RunTrigger.TASK


def test_the_scheduled_task_records_a_failure_without_raising(jhu_urls: FakeServer) -> None:
    jhu_urls.routes[FILE_NAMES["confirmed"]] = Route(status=500)
    result = tasks.refresh_sources.enqueue()
    assert result.return_value == {"jhu": RunStatus.FAILED}


def test_the_schedule_names_the_task_and_its_interval() -> None:
    assert tasks.SCHEDULE == [("masthead.datadesk.tasks.refresh_sources", 6 * 3600)]


def test_the_admin_lists_runs_with_their_message(client: Client, tmp_path: Path) -> None:
    broken = copy_sample(tmp_path)
    (broken / FILE_NAMES["confirmed"]).write_text("nonsense\n")
    with pytest.raises(CommandError):
        call_command("datadesk", "refresh", "--from-dir", str(broken), stdout=io.StringIO())
    admin = get_user_model().objects.create_superuser("editor", "editor@example.com", "pw")
    client.force_login(admin)
    html = client.get("/admin/datadesk/ingestrun/").content.decode()
    assert "expected the columns" in html
    assert client.get("/admin/datadesk/datasource/").status_code == 200
