from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "masthead.accounts"
    label = "accounts"
    verbose_name = "Reader accounts"

    def ready(self) -> None:
        from masthead.accounts import signals  # noqa: F401 - connects the receivers
