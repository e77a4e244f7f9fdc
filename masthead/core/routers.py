"""Read replicas: reads go to a replica, writes to `default`, and a writer reads its own writes.

`DATABASE_REPLICA_URLS` adds the aliases `replica1`, `replica2`, … (see settings). Inside a web
request, a read goes to a random replica until the request writes; from then on, and for
`DATABASE_REPLICA_STICKY_SECONDS` afterwards (a cookie set on the response), the reader's reads
go to `default`, so the comment they just posted or the profile they just saved is never missing
from the page that follows because a replica lags behind.

Outside web requests (task workers, the scheduler, commands, migrations) everything uses
`default`: tasks read, then write what they read, and must not act on a stale copy.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpRequest, HttpResponse

STICKY_COOKIE = "mh_primary"


class _RequestState:
    __slots__ = ("sticky", "wrote")

    def __init__(self, sticky: bool) -> None:
        self.sticky = sticky  # the reader wrote a moment ago (the cookie)
        self.wrote = False  # this request wrote


# None outside a web request: then every query uses the primary.
_state: ContextVar[_RequestState | None] = ContextVar("masthead_db_state", default=None)


def pin_to_primary() -> None:
    """From now until the end of the request, read from `default` (a write just happened)."""
    state = _state.get()
    if state is not None:
        state.wrote = True


def reads_from_primary() -> bool:
    state = _state.get()
    return state is None or state.sticky or state.wrote


class ReplicaRouter:
    def db_for_read(self, model: type, **hints: Any) -> str | None:
        replicas: list[str] = settings.DATABASE_REPLICAS
        if not replicas or reads_from_primary():
            return DEFAULT_DB_ALIAS
        # A read inside a transaction on the primary belongs to that transaction's snapshot.
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return random.choice(replicas)  # noqa: S311 - load spreading, not security

    def db_for_write(self, model: type, **hints: Any) -> str | None:
        pin_to_primary()
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        # Every alias holds the same data: an object read from a replica may point at one
        # saved on the primary.
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        # Replicas receive the schema by replication, never by running migrations themselves.
        return db == DEFAULT_DB_ALIAS


class ReplicaPinningMiddleware:
    """Marks the span of a request for the router and carries the sticky window in a cookie."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        state = _RequestState(sticky=STICKY_COOKIE in request.COOKIES)
        token = _state.set(state)
        try:
            response = self.get_response(request)
        finally:
            _state.reset(token)
        if state.wrote and settings.DATABASE_REPLICAS:
            response.set_cookie(
                STICKY_COOKIE,
                "1",
                max_age=settings.DATABASE_REPLICA_STICKY_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
        return response
