from django.apps import AppConfig


class DiscussionConfig(AppConfig):
    name = "masthead.discussion"
    label = "discussion"
    verbose_name = "Discussion"

    def ready(self) -> None:
        from masthead.discussion import holes  # noqa: F401 - registers the discussion hole
