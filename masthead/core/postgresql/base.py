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

from django.db.backends.postgresql import base


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
