"""Personal API tokens follow the account lifecycle (see masthead.accounts.lifecycle).

A deleted account's tokens are revoked on day 0, not merely refused while the account is
inactive: a restored account must not wake up with scripts still holding its old keys.
"""

from __future__ import annotations

from typing import Any

from masthead.core.models import ApiToken


def revoke_tokens(user: Any) -> None:
    ApiToken.objects.filter(user=user).delete()


def purge_tokens(user: Any, comments: Any) -> None:
    revoke_tokens(user)


def tokens_for_export(user: Any) -> dict[str, Any]:
    # The token itself is never stored; its name and age are what we hold.
    return {
        "api_tokens": [
            {"name": t.name, "created_at": t.created_at.isoformat()}
            for t in ApiToken.objects.filter(user=user).order_by("pk")
        ]
    }
