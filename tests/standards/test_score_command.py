from __future__ import annotations

import io
import json
import sys
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
