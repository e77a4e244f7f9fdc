from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def run(lines: list[str], monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(lines) + "\n"))
    out = io.StringIO()
    call_command("standards", "score", stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_it_scores_each_line_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    results = run(
        [
            json.dumps({"id": 1, "text": "A thoughtful article, thank you."}),
            json.dumps({"id": "b", "text": "You are an idiot and a liar.", "title": "Budget"}),
            json.dumps(
                {"id": 3, "text": "Visit www.shop.example", "title": "t", "article": "a b c"}
            ),
        ],
        monkeypatch,
    )
    assert [r["id"] for r in results] == [1, "b", 3]
    assert results[0]["action"] == "publish"
    assert results[1]["action"] == "reject"
    assert results[1]["findings"][0]["rule"] == "insults"
    assert all(0.0 <= float(r["score"]) <= 1.0 for r in results)


def test_it_reports_bad_lines_and_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    results = run(
        [
            "not json at all",
            json.dumps({"id": 7, "text": 42}),
            json.dumps([1, 2]),
            json.dumps({"id": 8, "text": "Fine comment."}),
        ],
        monkeypatch,
    )
    assert results[0]["id"] is None
    assert "error" in results[0]
    assert results[1]["id"] == 7
    assert "error" in results[1]
    assert "error" in results[2]
    assert results[3] == {**results[3], "id": 8, "action": "publish"}


def test_it_says_to_migrate_when_the_database_has_no_rule_settings(tmp_path: Any) -> None:
    # A fresh checkout before `migrate`: a clear message and a non-zero exit, not a traceback.
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}", "DEBUG": "true"}
    done = subprocess.run(
        [sys.executable, str(root / "manage.py"), "standards", "score"],
        input=json.dumps({"id": 1, "text": "Fine comment."}) + "\n",
        capture_output=True,
        text=True,
        env=env,
        cwd=root,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert "run `manage.py migrate` first" in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""
