from django.apps import AppConfig


class StandardsConfig(AppConfig):
    name = "masthead.standards"
    label = "standards"
    verbose_name = "Community standards"
