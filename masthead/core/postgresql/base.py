"""Django's PostgreSQL backend with a health check that costs no round trip while all is well.

With CONN_HEALTH_CHECKS, Django asks a reused connection `SELECT 1` before each request's first
query: one more round trip on every request, about a tenth of what posting a comment costs the
web process. When the server restarts or a backend is killed, PostgreSQL closes its end and the
socket becomes readable (end of file); while the connection is healthy and idle nothing arrives
on it. So the socket is polled first, without waiting, and only a readable one, whatever it
holds, gets Django's full check. Settings choose this backend for PostgreSQL
(`ENGINE = "masthead.core.postgresql"`); everything else is Django's.
"""

from __future__ import annotations

import select
from typing import Any

import psycopg
from django.db.backends.postgresql import base
from django.db.backends.postgresql.psycopg_any import register_tzloader
from psycopg.pq import Format

_NEVER_BY_ITSELF = 2**31 - 1
_TIMESTAMPTZ = psycopg.adapters.types["timestamptz"].oid


class DatabaseWrapper(base.DatabaseWrapper):
    def is_usable(self) -> bool:
        connection = self.connection
        if connection is None or connection.closed:
            return False
        try:
            readable, _writable, _failed = select.select([connection.fileno()], [], [], 0)
        except (OSError, ValueError):
            return False
        if not readable:
            return True
        return bool(super().is_usable())

    def get_connection_params(self) -> dict[str, Any]:
        params = super().get_connection_params()
        if "prepare_threshold" not in self.settings_dict["OPTIONS"]:
            # Django's default (None) turns preparing off altogether, even where asked for; a
            # threshold no statement reaches keeps psycopg from preparing on its own, and lets
            # `bound_cursor` prepare what it runs.
            params["prepare_threshold"] = _NEVER_BY_ITSELF
        return params

    def bound_cursor(self) -> Any:
        """A cursor that sends its parameters apart from the SQL (server-side binding).

        Django's cursors bind on the client: the server parses and plans every statement
        anew, which for the writer check of a post (five subqueries) costs it four times what
        running the plan does. This cursor prepares each statement the first time a connection
        runs it, and then only executes it. Used for the queries `masthead.core.prepared`
        compiles once: their SQL is the same on every run, which a prepared statement needs.
        (Django turns psycopg's automatic preparing off, for poolers that share a server
        connection between clients: psycopg's pool gives a connection to one client at a time,
        and pgbouncer keeps protocol-level prepared statements apart since 1.21.)
        """
        self.close_if_health_check_failed()
        self.ensure_connection()
        with self.wrap_database_errors:
            cursor = _PreparingCursor(self.connection)
            # As Django's create_cursor: datetimes come back in the connection's time zone.
            loader = self.connection.adapters.get_loader(_TIMESTAMPTZ, Format.TEXT)
            if self.timezone != loader.timezone:
                register_tzloader(self.timezone, cursor)
            # Wrapped as Django wraps its own (the query log, execute_wrapper, error mapping).
            wrapped: Any = cursor
            self.validate_thread_sharing()
            if self.queries_logged:
                return self.make_debug_cursor(wrapped)
            return self.make_cursor(wrapped)


class _PreparingCursor(psycopg.Cursor[Any]):
    def execute(self, query: Any, params: Any = None, **options: Any) -> Any:
        options.setdefault("prepare", True)
        return super().execute(query, params, **options)
