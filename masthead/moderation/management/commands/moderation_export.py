"""``manage.py moderation_export decisions.jsonl``: moderators' decisions as training rows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from masthead.moderation.learning import export_jsonl


class Command(BaseCommand):
    help = "Write moderators' decisions as JSONL rows for `standards train --with-decisions`."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)

    def handle(self, *args: Any, path: Path, **options: Any) -> None:
        count = export_jsonl(path)
        self.stdout.write(self.style.SUCCESS(f"{count} decisions written to {path}"))
