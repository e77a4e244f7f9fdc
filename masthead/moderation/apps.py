from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ModerationConfig(AppConfig):
    name = "masthead.moderation"
    label = "moderation"
    verbose_name = "Moderation"

    def ready(self) -> None:
        from masthead.moderation.roles import ensure_moderator_groups

        post_migrate.connect(ensure_moderator_groups, sender=self)

        from masthead.accounts import lifecycle as accounts_lifecycle
        from masthead.moderation import lifecycle

        accounts_lifecycle.register("moderation", export=lifecycle.export)
