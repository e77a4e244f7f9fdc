from django.apps import AppConfig
from django.db.models.signals import post_migrate


class NewsroomConfig(AppConfig):
    name = "masthead.newsroom"
    label = "newsroom"
    verbose_name = "Newsroom"

    def ready(self) -> None:
        from masthead.newsroom.roles import ensure_editors_group

        # Permissions exist only after migrate has run, so the group is (re)built then.
        post_migrate.connect(ensure_editors_group, sender=self)
