"""The PostgreSQL health check: free while the connection is healthy, exact when it is not.

Connections are killed with pg_terminate_backend from another connection (see
tests/faults/test_database_outage.py for why not a server restart).
"""

from __future__ import annotations

import time
from unittest import mock

import pytest
from django.db import connection, connections
from django.db.backends.postgresql.base import DatabaseWrapper as DjangoWrapper

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's backend"),
]


def _kill(pid: int) -> None:
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    finally:
        other.close()


def test_settings_use_our_backend():
    assert type(connections["default"]).__module__ == "masthead.core.postgresql.base"


def test_a_healthy_connection_is_usable_without_a_query():
    connection.ensure_connection()
    with mock.patch.object(DjangoWrapper, "is_usable", side_effect=AssertionError("queried")):
        assert connection.is_usable()


def test_a_killed_connection_is_found_and_replaced():
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    _kill(pid)
    for _ in range(50):  # the server closes its end a moment after the signal
        if not connection.is_usable():
            break
        time.sleep(0.02)
    assert not connection.is_usable()
    # What Django does at the start of a request with CONN_HEALTH_CHECKS: close and reconnect.
    connection.close_if_unusable_or_obsolete()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        assert cursor.fetchone()[0] != pid


def test_something_unread_on_the_socket_gets_the_full_check():
    connection.ensure_connection()
    with (
        mock.patch("select.select", return_value=([connection.connection.fileno()], [], [])),
        mock.patch.object(DjangoWrapper, "is_usable", return_value=True) as full_check,
    ):
        assert connection.is_usable()
    full_check.assert_called_once()
