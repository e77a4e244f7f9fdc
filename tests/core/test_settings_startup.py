"""The settings module as a production server would load it, in a fresh interpreter."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def load_settings(**env: str) -> subprocess.CompletedProcess[str]:
    return run_python("from django.conf import settings; print(settings.SITE_NAME)", **env)


def run_python(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`code` in a fresh interpreter with the site's settings, as a server process starts."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO", "PYTEST"))}
    environment.update({"DJANGO_SETTINGS_MODULE": "masthead.settings", **env})
    environment.pop("SECRET_KEY", None) if "SECRET_KEY" not in env else None
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = load_settings(DEBUG="false", MASTHEAD_VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "SECRET_KEY is required when DEBUG is off" in result.stderr


def test_an_unknown_site_language_is_refused(tmp_path):
    result = load_settings(DEBUG="true", SITE_LANGUAGE="xx", MASTHEAD_VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "SITE_LANGUAGE" in result.stderr


def test_development_generates_a_secret_key_once(tmp_path):
    first = load_settings(DEBUG="true", SITE_NAME="Daily Test", MASTHEAD_VAR_DIR=str(tmp_path))
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "Daily Test"
    key = (tmp_path / "secret_key").read_text()
    load_settings(DEBUG="true", MASTHEAD_VAR_DIR=str(tmp_path))
    assert (tmp_path / "secret_key").read_text() == key
