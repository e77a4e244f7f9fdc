"""`make run`: the web server, the task worker and the scheduler in one terminal."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from masthead.core.demo import DEMO_PASSWORD


class Command(BaseCommand):
    help = "Serve the site with its background worker and scheduler; Ctrl-C stops all three."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args: Any, host: str, port: int, **options: Any) -> None:
        manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
        commands = {
            "web": [*manage, "runserver", f"{host}:{port}"],
            "worker": [*manage, "db_worker"],
            "scheduler": [*manage, "scheduler"],
        }
        processes = {name: subprocess.Popen(cmd) for name, cmd in commands.items()}  # noqa: S603
        url = f"http://{host}:{port}/"
        self.stdout.write(
            self.style.SUCCESS(f"\nMasthead is running at {url}\n")
            + f"  editors' desk: {url}admin/\n"
            + f"  demo editor:    editor / {DEMO_PASSWORD}\n"
            + f"  demo moderator: moderator / {DEMO_PASSWORD}\n"
            + "  Ctrl-C stops the web server, the task worker and the scheduler.\n"
        )
        stopping = False

        def stop(*_args: Any) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        try:
            while not stopping:
                for name, process in processes.items():
                    if process.poll() is not None:
                        self.stderr.write(f"The {name} process stopped; stopping the others.")
                        stopping = True
                time.sleep(0.5)
        finally:
            for process in processes.values():
                if process.poll() is None:
                    process.terminate()
            for process in processes.values():
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
