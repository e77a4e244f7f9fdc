"""manage.py notifications vapid_keys [--force] [--print-only]"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from masthead.notifications import vapid


class Command(BaseCommand):
    help = "Web push housekeeping. vapid_keys: create the site's VAPID key pair."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        keys = sub.add_parser("vapid_keys", help="Create the VAPID key pair once.")
        keys.add_argument(
            "--force",
            action="store_true",
            help="Replace an existing key file (breaks every "
            "existing subscription: browsers must subscribe again).",
        )
        keys.add_argument(
            "--print-only",
            action="store_true",
            help="Write nothing; print the environment values for production.",
        )

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        if action == "vapid_keys":
            self.vapid_keys(force=options["force"], print_only=options["print_only"])

    def vapid_keys(self, *, force: bool, print_only: bool) -> None:
        pem, private_b64, public_b64 = vapid.generate()
        if print_only:
            self.stdout.write(
                "# Keep the private key secret; never change the pair once readers subscribe.\n"
                f"VAPID_PRIVATE_KEY={private_b64}\n"
                f"VAPID_PUBLIC_KEY={public_b64}\n"
            )
            return
        if not settings.VAPID_PRIVATE_KEY_FILE:
            raise CommandError("VAPID_PRIVATE_KEY_FILE is empty: nowhere to write the key.")
        path = Path(settings.VAPID_PRIVATE_KEY_FILE)
        if path.exists() and not force:
            existing = vapid.keys() if not settings.VAPID_PRIVATE_KEY else None
            self.stdout.write(f"{path} exists; keeping it.")
            if existing:
                self.stdout.write(f"VAPID_PUBLIC_KEY={existing.public_key}")
            return
        if path.exists() and force:
            self.stderr.write("Replacing the key: existing subscriptions stop working.")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(pem)
            path.chmod(0o600)
        except OSError as error:
            raise CommandError(f"Cannot write {path}: {error}") from None
        vapid.forget_cached()
        self.stdout.write(f"Wrote {path}\nVAPID_PUBLIC_KEY={public_b64}")
