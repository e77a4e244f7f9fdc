"""The account lifecycle hooks other apps plug into.

When a reader deletes their account, restores it, is purged for good, or asks for a copy of
their data, accounts calls every registered hook in registration order. Apps register once,
in their AppConfig.ready():

    from masthead.accounts import lifecycle

    lifecycle.register(
        "discussion",
        on_deactivate=hide_comments_of,        # (user) -> None
        on_restore=show_comments_of,           # (user) -> None
        on_purge=erase_comments_of,            # (user, comments: PurgeComments) -> None
        export=comments_for_export,            # (user) -> dict (JSON-serialisable)
    )

The hooks run inside the same database transaction as the accounts change, so a failing hook
rolls the whole step back and the reader is never left half deleted. Hooks must be idempotent:
the purge task retries an account whose purge failed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import models

if TYPE_CHECKING:
    from masthead.accounts.models import User


class PurgeComments(models.TextChoices):
    """What a purge does with the reader's contributions (setting ACCOUNT_PURGE_COMMENTS)."""

    DELETE = "delete", "delete them"
    KEEP = "keep", "keep them, signed as a deleted reader"


UserHook = Callable[["User"], None]
PurgeHook = Callable[["User", PurgeComments], None]
ExportHook = Callable[["User"], dict[str, Any]]


@dataclass(frozen=True)
class Hooks:
    name: str
    on_deactivate: UserHook | None = None
    on_restore: UserHook | None = None
    on_purge: PurgeHook | None = None
    export: ExportHook | None = None


_registry: dict[str, Hooks] = {}


def register(
    name: str,
    *,
    on_deactivate: UserHook | None = None,
    on_restore: UserHook | None = None,
    on_purge: PurgeHook | None = None,
    export: ExportHook | None = None,
) -> Hooks:
    """Register (or replace, by name) one app's hooks. Returns the registration."""
    hooks = Hooks(name, on_deactivate, on_restore, on_purge, export)
    _registry[name] = hooks
    return hooks


def unregister(name: str) -> None:
    _registry.pop(name, None)


def registered() -> list[Hooks]:
    return list(_registry.values())


def deactivate(user: User) -> None:
    for hooks in registered():
        if hooks.on_deactivate:
            hooks.on_deactivate(user)


def restore(user: User) -> None:
    for hooks in registered():
        if hooks.on_restore:
            hooks.on_restore(user)


def purge(user: User, comments: PurgeComments) -> None:
    for hooks in registered():
        if hooks.on_purge:
            hooks.on_purge(user, comments)


def export(user: User) -> dict[str, dict[str, Any]]:
    """Every app's export, keyed by the app's registered name."""
    return {hooks.name: hooks.export(user) for hooks in registered() if hooks.export}
