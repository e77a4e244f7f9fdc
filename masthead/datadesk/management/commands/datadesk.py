"""manage.py datadesk refresh [--source jhu] [--from-dir DIR], and datadesk load_sample."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandError, CommandParser

from masthead.datadesk import services
from masthead.datadesk.models import IngestRun, RunStatus, RunTrigger
from masthead.datadesk.sources import SOURCES


class ProgressBar:
    """A one-line bar on a terminal; on anything else, silence (no escape codes in logs)."""

    def __init__(self, stream: TextIO, width: int = 40) -> None:
        self.stream = stream
        self.width = width
        self.enabled = stream.isatty()
        self.started = time.monotonic()

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total <= 0:
            return
        filled = round(self.width * done / total)
        bar = "#" * filled + "-" * (self.width - filled)
        elapsed = time.monotonic() - self.started
        self.stream.write(f"\r[{bar}] {done:>9,}/{total:,} values {elapsed:5.1f}s")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")


class Command(BaseCommand):
    help = "Refresh data desk sources, or load the sample shipped for offline demos."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        refresh = actions.add_parser("refresh", help="Fetch, check and store a source.")
        refresh.add_argument("--source", choices=sorted(SOURCES), default="jhu")
        refresh.add_argument(
            "--from-dir",
            type=Path,
            help="Read the source's files from this directory instead of the network.",
        )
        actions.add_parser("load_sample", help="Ingest the small JHU sample shipped with the app.")

    def handle(self, *args: Any, **options: Any) -> None:
        progress = ProgressBar(sys.stderr)
        try:
            if options["action"] == "load_sample":
                run = services.load_sample(progress=progress)
            else:
                run = services.refresh(
                    options["source"],
                    trigger=RunTrigger.COMMAND,
                    from_dir=options["from_dir"],
                    progress=progress,
                )
        finally:
            progress.close()
        self._report(run)

    def _report(self, run: IngestRun) -> None:
        seconds = (run.finished_at - run.started_at).total_seconds() if run.finished_at else 0
        if run.status != RunStatus.SUCCEEDED:
            raise CommandError(
                f"{run.source.name}: refresh failed, kept the last good data. {run.message}"
            )
        self.stdout.write(self.style.SUCCESS(f"{run.source.name}: {run.message} ({seconds:.1f}s)"))
