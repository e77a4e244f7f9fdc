"""`manage.py notifications vapid_keys` makes the site's key pair once."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from masthead.notifications import vapid


@pytest.fixture
def key_file(settings, tmp_path):
    settings.VAPID_PRIVATE_KEY = ""
    settings.VAPID_PUBLIC_KEY = ""
    settings.VAPID_PRIVATE_KEY_FILE = str(tmp_path / "var" / "vapid_private_key.pem")
    vapid.forget_cached()
    yield Path(settings.VAPID_PRIVATE_KEY_FILE)
    vapid.forget_cached()


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("notifications", "vapid_keys", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_it_writes_the_key_file_once_and_keeps_it(key_file):
    first = run()
    content = key_file.read_text()
    second = run()

    assert "BEGIN PRIVATE KEY" in content
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    assert key_file.read_text() == content
    public = vapid.keys().public_key
    assert f"VAPID_PUBLIC_KEY={public}" in first
    assert f"VAPID_PUBLIC_KEY={public}" in second


def test_print_only_gives_environment_values_that_work(key_file, settings):
    out = run("--print-only")
    values = dict(line.split("=", 1) for line in out.splitlines() if "=" in line)

    assert not key_file.exists()
    settings.VAPID_PRIVATE_KEY = values["VAPID_PRIVATE_KEY"]
    settings.VAPID_PUBLIC_KEY = values["VAPID_PUBLIC_KEY"]
    vapid.forget_cached()
    assert vapid.keys().public_key == values["VAPID_PUBLIC_KEY"]


def test_a_public_key_from_another_pair_is_refused(key_file, settings):
    run()
    _pem, _private, other_public = vapid.generate()
    settings.VAPID_PUBLIC_KEY = other_public
    vapid.forget_cached()
    with pytest.raises(vapid.VapidNotConfigured, match="does not belong"):
        vapid.keys()
