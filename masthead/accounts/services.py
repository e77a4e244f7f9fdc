"""Account rules other apps rely on."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _


def can_participate(user: Any) -> tuple[bool, str]:
    """Whether the user may post, react and report, and if not, what to do about it."""
    if not getattr(user, "is_authenticated", False):
        return False, _("Log in or register to take part in the discussion.")
    if not user.is_active:
        return False, _("This account is not active.")
    return True, ""
