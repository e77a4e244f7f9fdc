"""A start-up warning when web push cannot work: better than a prompt that silently fails."""

from __future__ import annotations

from typing import Any

from django.core.checks import Info, register

from masthead.notifications import vapid


@register()
def vapid_keys_configured(app_configs: Any = None, **kwargs: Any) -> list[Info]:
    try:
        vapid.keys()
    except vapid.VapidNotConfigured as error:
        return [
            Info(
                f"Web push is off: {error}",
                hint="Run `manage.py notifications vapid_keys` (development) or set "
                "VAPID_PRIVATE_KEY and VAPID_PUBLIC_KEY (production).",
                id="notifications.I001",
            )
        ]
    return []
