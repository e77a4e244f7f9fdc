"""manage.py discussion recount [--hours N] | second_look [--hours N]"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from masthead.discussion import services


class Command(BaseCommand):
    help = (
        "Discussion housekeeping. recount: repair the articles' comment counters. second_look: "
        "read again recent comments the standards engine published unsure."
    )

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
        look = sub.add_parser(
            "second_look",
            help="Read again, with the sentence model, the published comments of the last N hours "
            "that the engine was unsure of (after switching the second look on or a new head).",
        )
        look.add_argument("--hours", type=float, default=24.0, help="Default: 24.")

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        hours = options["hours"]
        if hours is not None and hours <= 0:
            raise CommandError("--hours must be a positive number.")
        since = timezone.now() - timedelta(hours=hours) if hours is not None else None
        if action == "second_look":
            self._second_look(since or timezone.now())
            return
        fixed = services.recount_comments(since=since)
        self.stdout.write(f"{fixed} comment counter(s) corrected.")

    def _second_look(self, since: Any) -> None:
        from masthead.standards import conf, second_look

        if not conf.second_look_enabled():
            raise CommandError("The second look is switched off (STANDARDS_SECOND_LOOK=false).")
        if second_look.get() is None:
            raise CommandError(
                "The second look is not available: it needs masthead/standards/data/"
                "second_look.npz and the sentence encoder (make install, or "
                "STANDARDS_ENCODER_PATH)."
            )
        read, held = services.second_look_recent(since=since)
        self.stdout.write(f"{read} comment(s) read again, {held} held for a moderator.")
