"""The demo's data widget: JHU's real figures for a few countries, shipped with the app."""

from typing import Any

from masthead.datadesk import services


def load(stdout: Any) -> None:
    run = services.load_sample()
    stdout.write(f"demo data desk: sample ingested ({run.status})")
