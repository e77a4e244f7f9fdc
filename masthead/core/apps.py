from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "masthead.core"
    label = "core"
    verbose_name = "Site core"

    def ready(self) -> None:
        from masthead.core import holes  # noqa: F401 - registers the page-cache holes
