"""Personal API tokens: only a hash is stored, so a database leak does not leak tokens."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from masthead.core.models import ApiToken


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(user: Any, name: str = "") -> str:
    token = "mh_" + secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, digest=_digest(token), name=name[:100])
    return token


def user_for_token(token: str) -> Any:
    if not token.startswith("mh_") or len(token) > 100:
        return None
    row = (
        ApiToken.objects.select_related("user")
        .filter(digest=_digest(token), user__is_active=True)
        .first()
    )
    return row.user if row is not None else None
