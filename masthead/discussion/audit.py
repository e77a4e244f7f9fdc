"""Staff actions on comments go into the moderation audit log when that app is installed."""

from __future__ import annotations

import logging
from typing import Any

from django.apps import apps

log = logging.getLogger(__name__)


def record(actor: Any, action: str, comment: Any, reason: str) -> None:
    if apps.is_installed("masthead.moderation"):
        from masthead.moderation.services import audit

        audit(actor=actor, action=action, target=comment, reason=reason)
    else:
        log.info("%s by %s on comment %s: %s", action, actor, comment.pk, reason)
