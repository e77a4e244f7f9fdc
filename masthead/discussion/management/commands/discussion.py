"""manage.py discussion recount [--hours N]"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from masthead.discussion import services


class Command(BaseCommand):
    help = "Discussion housekeeping. recount: repair the articles' comment counters."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        recount = sub.add_parser(
            "recount", help="Set every article's comment counter from its public comments."
        )
        recount.add_argument(
            "--hours",
            type=float,
            default=None,
            help="Only articles with a comment posted in the last N hours (default: all).",
        )

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        hours = options["hours"]
        if hours is not None and hours <= 0:
            raise CommandError("--hours must be a positive number.")
        since = timezone.now() - timedelta(hours=hours) if hours is not None else None
        fixed = services.recount_comments(since=since)
        self.stdout.write(f"{fixed} comment counter(s) corrected.")
