"""The web process as granian starts it: masthead.wsgi imported in a fresh interpreter."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_web_process_freezes_what_it_loaded_at_start(tmp_path):
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO", "PYTEST"))}
    environment.update(
        {
            "DJANGO_SETTINGS_MODULE": "masthead.settings",
            "DEBUG": "true",
            "MASTHEAD_VAR_DIR": str(tmp_path),
        }
    )
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import gc, masthead.wsgi, masthead.standards.service as s; "
            "print(gc.get_freeze_count(), s.engine_config().model is not None)",
        ],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    frozen, warmed = result.stdout.split()
    # The engine was loaded before the freeze, so its objects are among the frozen ones.
    assert warmed == "True"
    assert int(frozen) > 50_000
