"""With Redis stopped or hung, pages still render, sessions survive, and rate limits fail open.

Redis is replaced by a port where nothing listens (stopped) and by a socket that accepts and
never answers (hung), through the real cache backend and its short socket timeouts. The run
on SQLite uses this backend too, so the behaviour is tested without a Redis server.

The timing bound below is coarse on purpose (a shared two-core machine): it only tells a soft
failure (a few half-second timeouts, then the circuit stays open) from a hang.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest
from django.test import Client

from masthead.discussion.models import Comment

pytestmark = pytest.mark.django_db


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def hung_redis() -> Iterator[int]:
    """A server that accepts connections and never says a word."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join()
    for connection in held:
        connection.close()
    server.close()


def _redis_cache(settings, port: int) -> None:
    settings.CACHES = {
        "default": {
            "BACKEND": "masthead.core.cache.FailSoftRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "KEY_PREFIX": "battery",
            "OPTIONS": {
                "socket_connect_timeout": 0.3,
                "socket_timeout": 0.3,
                "retry_seconds": 30,
            },
        }
    }


@pytest.fixture(params=["stopped", "hung"])
def redis_down(request, settings) -> Iterator[str]:
    if request.param == "stopped":
        _redis_cache(settings, _free_port())
        yield "stopped"
    else:
        port = request.getfixturevalue("hung_redis")
        _redis_cache(settings, port)
        yield "hung"


BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36"


def test_pages_render_without_redis(story, redis_down):
    # A browser's User-Agent, so the article page counts the view (in Redis, when it is there).
    client = Client(raise_request_exception=False, HTTP_USER_AGENT=BROWSER)
    started = time.monotonic()
    for path in ["/", story.get_absolute_url(), "/news/", "/search/?q=bridge", "/api/openapi.json"]:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
    # Coarse: five pages in well under the time a hang per cache call would take.
    assert time.monotonic() - started < 20


def test_the_view_counter_flush_waits_for_redis_without_failing(story, redis_down):
    from masthead.newsroom import counters

    # No exception: the scheduler runs it again in ten seconds, when Redis may be back.
    assert counters.flush_views() >= 0


def test_a_signed_in_reader_stays_signed_in_and_can_comment_without_redis(
    story, reader, redis_down, settings
):
    # Sessions are in the database, not the cache: losing Redis logs nobody out.
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    client = Client(raise_request_exception=False)
    client.force_login(reader)
    response = client.post(f"/articles/{story.slug}/comments/", {"text": "Redis is away."})
    assert response.status_code == 302, response.content[:300]
    assert Comment.objects.filter(author=reader).count() == 1
    assert b"Log out" in client.get("/accounts/profile/").content or client.session.get(
        "_auth_user_id"
    ) == str(reader.pk)


def test_rate_limits_fail_open_while_redis_is_away(story, reader, redis_down, settings):
    """The documented choice (SECURITY.md): availability over throttling while Redis is down."""
    settings.COMMENT_RATE_PER_MINUTE = 2
    client = Client(raise_request_exception=False)
    client.force_login(reader)
    statuses = [
        client.post(
            f"/articles/{story.slug}/comments/", {"text": f"Comment number {n}."}
        ).status_code
        for n in range(4)
    ]
    assert statuses == [302, 302, 302, 302]
