from django.apps import AppConfig


class DiscussionConfig(AppConfig):
    name = "masthead.discussion"
    label = "discussion"
    verbose_name = "Discussion"

    def ready(self) -> None:
        from masthead.accounts import lifecycle as accounts_lifecycle
        from masthead.discussion import (
            holes,  # noqa: F401 - registers the discussion hole
            lifecycle,
        )

        accounts_lifecycle.register(
            "discussion",
            on_deactivate=lifecycle.hide_comments_of,
            on_restore=lifecycle.show_comments_of,
            on_purge=lifecycle.erase_comments_of,
            export=lifecycle.comments_for_export,
        )
