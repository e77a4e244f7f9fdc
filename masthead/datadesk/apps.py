from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DatadeskConfig(AppConfig):
    name = "masthead.datadesk"
    label = "datadesk"
    verbose_name = _("Data desk")
