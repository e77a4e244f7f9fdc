"""A lost database answers 503 with Retry-After, fast, and the site recovers by itself.

Two levels. In-process, every query raises OperationalError or InterfaceError (what psycopg and
sqlite3 raise when the server went away): the reader gets a 503 page, never a 500. Against
PostgreSQL, a real server process (gunicorn, in tests/load) has its backend connections
killed with pg_terminate_backend from another connection — instead of restarting PostgreSQL
itself, which other engineers' test runs share on this machine; for Django the two look the
same (the socket closes under an open connection). See tests/load/test_db_restart.py.
"""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError
from django.db.backends.utils import CursorWrapper
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "error",
    [
        OperationalError("server closed the connection unexpectedly"),
        InterfaceError("connection already closed"),
    ],
)
@pytest.mark.parametrize("path", ["/", "/articles/harbour-bridge-reopens/", "/search/?q=bridge"])
def test_a_lost_database_is_a_503_with_retry_after_not_a_500(story, error, path):
    client = Client(raise_request_exception=False)
    with (
        mock.patch.object(CursorWrapper, "execute", side_effect=error),
        mock.patch.object(CursorWrapper, "executemany", side_effect=error),
    ):
        response = client.get(path)
    assert response.status_code == 503
    assert response["Retry-After"].isdigit()
    assert b"back in a moment" in response.content.lower()
    # Once the database is back, the same page renders.
    assert client.get(path).status_code == 200


def test_a_lost_database_while_posting_is_a_503_and_stores_nothing(story, signed_in):
    from masthead.discussion.models import Comment

    with mock.patch.object(
        CursorWrapper, "execute", side_effect=OperationalError("terminating connection")
    ):
        response = signed_in.post(f"/articles/{story.slug}/comments/", {"text": "Still here?"})
    assert response.status_code == 503
    assert not Comment.objects.exists()


def test_other_errors_are_still_a_plain_500(story):
    client = Client(raise_request_exception=False)
    with mock.patch("masthead.newsroom.views.render", side_effect=RuntimeError("a bug")):
        response = client.get("/")
    assert response.status_code == 500
    assert "Retry-After" not in response
