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

from tests import dbtemplate, factories

SHARED_DIR = Path(__file__).resolve().parent.parent.parent / "shared"


@pytest.fixture(scope="session")
def _test_databases_from_a_template() -> None:
    dbtemplate.install()


@pytest.fixture(scope="session")
def django_db_setup(_test_databases_from_a_template, django_db_setup, django_db_blocker):
    """pytest-django's, with the test databases copied from a template (tests/dbtemplate.py).

    Before pytest-django drops the test database, the sessions the live server's threads left
    open are ended: they made the drop fail, and each browser run left its database behind.
    """
    yield
    from django.db import connections

    with django_db_blocker.unblock():
        dbtemplate.end_other_sessions(connections["default"])


@pytest.fixture(scope="session", autouse=True)
def _flush_postgresql_with_delete():
    """Empty the tables after a transactional test with DELETE instead of TRUNCATE.

    PostgreSQL's TRUNCATE gives each of the 60 tables new files: about 2.5 s a flush here,
    after every transactional and browser test, where DELETE of the few rows a test made takes
    milliseconds. The tables end up just as empty (no table has a trigger; the foreign keys
    Django makes are deferred, so the order does not matter). A flush that must also reset
    sequences or cascade keeps Django's own TRUNCATE.
    """
    from django.db.backends.postgresql.operations import DatabaseOperations

    truncate = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade or not tables:
            return truncate(
                self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        return ["SET CONSTRAINTS ALL DEFERRED;"] + [
            f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(self.quote_name(table))};"
            for table in tables
        ]

    DatabaseOperations.sql_flush = sql_flush  # type: ignore[method-assign]
    yield
    DatabaseOperations.sql_flush = truncate  # type: ignore[method-assign]


@pytest.fixture(autouse=True)
def _clean_cache():
    """Every test starts with an empty cache (Redis on the PostgreSQL run, local memory else)."""
    cache.clear()
    yield
    cache.clear()


def redis_test_url() -> str:
    """The run's Redis (REDIS_URL), else TEST_REDIS_URL, else the machine's Redis, database 13.

    CI runs the SQLite and PostgreSQL suites side by side, each with its own Redis database.
    """
    return (
        os.environ.get("REDIS_URL")
        or os.environ.get("TEST_REDIS_URL")
        or "redis://127.0.0.1:6379/13"
    )


@pytest.fixture
def redis_cache(settings):
    """The default cache on a real Redis, whatever the run's settings (skips where none runs)."""
    import uuid

    import redis

    url = redis_test_url()
    try:
        redis.Redis.from_url(url, socket_connect_timeout=0.5).ping()
    except redis.RedisError as error:
        pytest.skip(f"no Redis answers at {url}: {error}")
    settings.CACHES = {
        "default": {
            "BACKEND": "masthead.core.cache.FailSoftRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex[:12]}",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5, "retry_seconds": 5},
        }
    }
    from django.core.cache import caches

    yield caches["default"]
    caches["default"].clear()


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
    """A reader who may take part: verified e-mail address (the default reader of the tests)."""
    return _verify(_user("reader"))


@pytest.fixture
def other_reader(db):
    return _verify(_user("other_reader"))


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

    user = _verify(_user("blocked_reader"))
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


# --- Accounts: mail over real SMTP, verified readers, policies ---------------------------------


class SmtpSink:
    """Messages received by a real SMTP server on loopback (see the `smtp_sink` fixture)."""

    def __init__(self) -> None:
        import threading

        self.messages: list = []
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        from email import message_from_bytes, policy

        message = message_from_bytes(envelope.original_content, policy=policy.default)
        with self._lock:
            self.messages.append(message)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list:
        with self._lock:
            return [m for m in self.messages if address.lower() in str(m["To"]).lower()]

    def text(self, message) -> str:
        part = message.get_body(preferencelist=("plain",))
        return part.get_content() if part is not None else ""

    def html(self, message) -> str:
        part = message.get_body(preferencelist=("html",))
        return part.get_content() if part is not None else ""

    def links(self, message) -> list[str]:
        import re

        return re.findall(r"https?://[^\s<>\"]+", self.text(message))

    def wait_for(self, address: str, count: int = 1, timeout: float = 10.0) -> list:
        import time

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.to(address)
            if len(found) >= count:
                return found
            time.sleep(0.05)
        raise AssertionError(f"expected {count} mail(s) to {address}, got {len(self.to(address))}")


@pytest.fixture
def smtp_sink(settings):
    """A real SMTP server (aiosmtpd) on 127.0.0.1 and a free port; Django sends mail to it."""
    import socket

    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sink = SmtpSink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    smtp = "django.core.mail.backends.smtp.EmailBackend"
    if getattr(settings, "MAILERS", None) is not None:
        # Django 6.1's MAILERS, where the project configures mail that way.
        settings.MAILERS = {
            "default": {"BACKEND": smtp, "OPTIONS": {"host": "127.0.0.1", "port": port}}
        }
    else:
        settings.EMAIL_BACKEND = smtp
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = port
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = ""
        settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield sink
    finally:
        controller.stop()


def _verify(user):
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return user


@pytest.fixture
def verified_reader(db):
    return _verify(_user("verified_reader", display_name="Vera Verified"))


@pytest.fixture
def unverified_reader(db):
    """Registered, e-mail address not confirmed yet (whatever the rest of the cast is)."""
    from allauth.account.models import EmailAddress

    user = _user("unverified_reader", display_name="Una Unverified")
    EmailAddress.objects.filter(user=user).delete()
    return user


@pytest.fixture
def other_verified_reader(db):
    return _verify(_user("other_verified_reader", display_name="Otto Other"))


@pytest.fixture
def privacy_policy(db):
    from datetime import timedelta

    from django.utils import timezone

    from masthead.accounts.models import PrivacyPolicy

    return PrivacyPolicy.objects.create(
        version="2026-01",
        text="We keep what you give us.\n\nYou can ask for a copy or for erasure.",
        published_at=timezone.now() - timedelta(days=30),
    )


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
