"""Personal API tokens: only a hash is stored, so a database leak does not leak tokens."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.db import router
from django.db.models import QuerySet

from masthead.core.models import ApiToken
from masthead.core.prepared import PreparedQuery


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(user: Any, name: str = "") -> str:
    token = "mh_" + secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, digest=_digest(token), name=name[:100])
    return token


def digest_of(token: str) -> str | None:
    """The stored form of a token; None for what cannot be one of ours."""
    if not token.startswith("mh_") or len(token) > 100:
        return None
    return _digest(token)


def owners(digest: str) -> QuerySet[Any]:
    """The active user holding the token with this digest (at most one row)."""
    return get_user_model().objects.filter(api_tokens__digest=digest, is_active=True)


# Every API request with a token asks this: compiled once (see masthead.core.prepared).
_TOKEN_OWNER = PreparedQuery(lambda digest: owners(digest)[:1], digest=str)


def user_for_token(token: str) -> Any:
    digest = digest_of(token)
    if digest is None:
        return None
    User = get_user_model()
    return _TOKEN_OWNER.first_object(router.db_for_read(User), digest=digest)
