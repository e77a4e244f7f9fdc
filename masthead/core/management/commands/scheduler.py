from typing import Any

from django.core.management.base import BaseCommand

from masthead.core.scheduler import collect_schedule, run_forever


class Command(BaseCommand):
    help = "Enqueue the periodic tasks of every app at their intervals (run one per site)."

    def handle(self, *args: Any, **options: Any) -> None:
        for path, interval in collect_schedule():
            self.stdout.write(f"every {interval:>6} s  {path}")
        run_forever()
