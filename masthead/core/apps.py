from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "masthead.core"
    label = "core"
    verbose_name = "Site core"

    def ready(self) -> None:
        from masthead.accounts import lifecycle as accounts_lifecycle
        from masthead.core import (
            holes,  # noqa: F401 - registers the page-cache holes
            lifecycle,
        )

        accounts_lifecycle.register(
            "api",
            on_deactivate=lifecycle.revoke_tokens,
            on_purge=lifecycle.purge_tokens,
            export=lifecycle.tokens_for_export,
        )
