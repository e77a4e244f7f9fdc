"""Helpers for the standards tests: a context, a store, and one-line reviews."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from masthead.standards import MemoryStore, ReviewContext, Verdict, review

DATA = Path(__file__).resolve().parent / "data"
NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def shared_dir() -> Path:
    return Path(os.environ.get("MASTHEAD_SHARED_DIR", Path(settings.BASE_DIR).parent / "shared"))


def datasets_or_skip() -> Path:
    path = shared_dir() / "datasets"
    if not path.exists():
        pytest.skip(f"the shared datasets are not at {path} (set MASTHEAD_SHARED_DIR)")
    return path


def lines(name: str) -> list[tuple[bool, str]]:
    """A hand-written test set: ``+ text`` must be flagged, ``- text`` must not."""
    out = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.startswith(("+ ", "- ")):
            out.append((line[0] == "+", line[2:]))
    return out


def plain_lines(name: str) -> list[str]:
    return [
        line
        for line in (DATA / name).read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


@pytest.fixture
def store() -> MemoryStore:
    return MemoryStore()


ReviewFn = Callable[..., Verdict]


@pytest.fixture
def check() -> ReviewFn:
    """``check(text, **context)``: review with a fixed clock and a site name."""

    def run(text: str, *, store: Any = None, **context: Any) -> Verdict:
        context.setdefault("site_name", "Masthead News")
        context.setdefault("now", NOW)
        return review(text, ReviewContext(**context), store=store)

    return run
