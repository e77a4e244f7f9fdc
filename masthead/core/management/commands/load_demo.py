"""Load the demo site once: every app's `demo.load()`, in the order of INSTALLED_APPS."""

import importlib
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from masthead.core.models import DemoLoad


class Command(BaseCommand):
    help = "Load the demo site (people, articles, photos, galleries, …) unless it is loaded."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--force", action="store_true", help="load again even if loaded")

    def handle(self, *args: Any, force: bool, **options: Any) -> None:
        if DemoLoad.objects.exists() and not force:
            self.stdout.write("The demo site is already loaded.")
            return
        for config in apps.get_app_configs():
            if not config.name.startswith("masthead."):
                continue
            try:
                module = importlib.import_module(f"{config.name}.demo")
            except ModuleNotFoundError:
                continue
            with transaction.atomic():
                module.load(self.stdout)
        DemoLoad.objects.create()
        self.stdout.write(self.style.SUCCESS("The demo site is loaded."))
