"""Shared fixtures: the named cast of users, small factories, and clean services per test."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache

from tests import factories

SHARED_DIR = Path(__file__).resolve().parent.parent.parent / "shared"


@pytest.fixture(autouse=True)
def _clean_cache():
    """Every test starts with an empty cache (Redis on the PostgreSQL run, local memory else)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    yield
    shutil.rmtree(tmp_path / "media", ignore_errors=True)


def _user(username: str, *, staff: bool = False, groups: tuple[str, ...] = (), **extra):
    user = get_user_model().objects.create_user(
        username=username,
        email=f"{username}@example.org",
        password="correct horse battery staple",
        first_name=username.replace("_", " ").title(),
        is_staff=staff,
        **extra,
    )
    for name in groups:
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    return user


@pytest.fixture
def reader(db):
    return _user("reader")


@pytest.fixture
def other_reader(db):
    return _user("other_reader")


@pytest.fixture
def editor(db):
    return _user("editor", staff=True, groups=("Editors",))


@pytest.fixture
def moderator(db):
    return _user("moderator", staff=True, groups=("Moderators",))


@pytest.fixture
def admin_user(db):
    return _user("admin", staff=True, is_superuser=True)


@pytest.fixture
def article(db):
    return factories.article()


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED_DIR.is_dir():
        pytest.skip(f"the shared data folder {SHARED_DIR} is absent (only CI is sure to have it)")
    return SHARED_DIR


# --- Chromium from Debian, driven by Playwright, against Django's live server -------------

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the test
# itself (fixtures, assertions) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.skip(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: errors.append(message.text) if message.type == "error" else None,
    )
    page.set_default_timeout(10_000)
    yield page
    context.close()
    assert errors == [], f"the page reported errors: {errors}"
