from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "masthead.notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from masthead.accounts import lifecycle as accounts_lifecycle
        from masthead.notifications import (
            checks,  # noqa: F401 - registers the system check
            lifecycle,
        )

        def deactivate(user: Any) -> None:
            lifecycle.on_deactivate(user)

        def restore(user: Any) -> None:
            lifecycle.on_restore(user)

        def purge(user: Any, comments: Any) -> None:
            lifecycle.on_purge(user)

        accounts_lifecycle.register(
            "notifications",
            on_deactivate=deactivate,
            on_restore=restore,
            on_purge=purge,
            export=lifecycle.export,
        )
