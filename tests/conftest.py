"""Shared fixtures: the named cast of users, small factories, and clean services per test."""

from __future__ import annotations

import shutil
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
def senior_moderator(db):
    return _user("senior_moderator", staff=True, groups=("Senior moderators",))


@pytest.fixture
def blocked_reader(db, moderator):
    from masthead.moderation.services import block

    user = _user("blocked_reader")
    block(moderator, user, "Insulted other readers twice in one evening.", "insults")
    return user


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
