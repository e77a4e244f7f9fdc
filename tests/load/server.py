"""A real server for the load and outage tests: gunicorn or granian on a database of its own.

The load tests need what the in-process test client cannot give: several worker processes,
persistent database connections with health checks, and requests racing for real. So each run
creates a PostgreSQL database `<TEST_DATABASE_NAME or masthead>_load_<pid>` (a copy of the
suite's migrated template, tests/dbtemplate.py, or migrated where there is none yet), starts
gunicorn on a free port against it, and drops it afterwards (WITH (FORCE), so a crashed run
leaves nothing).

`live_site(server="granian")` starts the production server instead (the command line of
deploy/systemd/masthead-web.service), and `sqlite_ok=True` lets a test that needs only one real
server, not PostgreSQL's concurrency, run on a SQLite file of its own when DATABASE_URL is not
PostgreSQL.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests import dbtemplate

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent

SETUP = r"""
import json
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from masthead.core.tokens import issue_token
from tests import factories

story = factories.article(slug="load-story", body=["The harbour bridge reopened on Monday."])
tokens = []
for n in range(READERS):
    user = get_user_model().objects.create_user(f"poster{n}", f"poster{n}@example.org", "pw")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    tokens.append(issue_token(user, "load"))
print("SETUP" + json.dumps({"slug": story.slug, "article": story.pk, "tokens": tokens}))
"""


@dataclass
class Site:
    url: str
    dsn: str  # PostgreSQL connection string, or the SQLite file's path
    database: str
    slug: str
    article_id: int
    tokens: list[str]

    def query(self, sql: str, params: tuple = ()) -> list[tuple]:
        """Run SQL on the site's database (write %s placeholders; SQLite gets ? for them)."""
        if not self.dsn.startswith(("postgres://", "postgresql://")):
            import sqlite3

            with sqlite3.connect(self.dsn) as lite:
                return list(lite.execute(sql.replace("%s", "?"), params).fetchall())
        import psycopg

        with psycopg.connect(self.dsn, autocommit=True) as connection:
            return list(connection.execute(sql, params).fetchall())


def _admin_dsn(url: str, database: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{database}", parts.query, ""))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_up(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url + "/robots.txt", timeout=2):  # noqa: S310
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
    raise RuntimeError("the server did not answer in time")


def _server_command(server: str, port: int) -> list[str]:
    if server == "gunicorn":
        return [
            str(BIN / "gunicorn"),
            "masthead.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "3",
            "--threads",
            "8",
            "--worker-class",
            "gthread",
            "--timeout",
            "60",
            "--log-level",
            "warning",
        ]
    if server == "granian":
        # As deploy/systemd/masthead-web.service runs it, with one small process.
        return [
            str(BIN / "granian"),
            "--interface",
            "wsgi",
            "--workers",
            "1",
            "--blocking-threads",
            "4",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--no-access-log",
            "--log-level",
            "warning",
            "masthead.wsgi:application",
        ]
    raise ValueError(f"unknown server {server!r}")


def live_site(
    readers: int = 64, *, server: str = "gunicorn", sqlite_ok: bool = False
) -> Iterator[Site]:
    import psycopg

    database_url = os.environ.get("DATABASE_URL", "")
    postgres = database_url.startswith(("postgres://", "postgresql://"))
    if not postgres and not sqlite_ok:
        pytest.skip("the load tests run against PostgreSQL (set DATABASE_URL)")
    base = os.environ.get("TEST_DATABASE_NAME") or "masthead"
    database = f"{base}_load_{os.getpid()}" + ("" if server == "gunicorn" else f"_{server}")
    # A copy of the suite's migrated template where there is one (tests/dbtemplate.py).
    if postgres:
        admin = _admin_dsn(database_url, "postgres")
        with psycopg.connect(admin, autocommit=True) as connection:
            migrated = dbtemplate.postgres_copy(connection.cursor(), database)
            if not migrated:
                connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
                connection.execute(f'CREATE DATABASE "{database}"')
        dsn = _admin_dsn(database_url, database)
    else:
        folder = Path(tempfile.mkdtemp(prefix="masthead-site-"))
        dsn = str(folder / f"{database}.sqlite3")
        migrated = dbtemplate.sqlite_copy(Path(dsn))
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "masthead.settings",
            "DATABASE_URL": dsn if postgres else f"sqlite:///{dsn}",
            # The real error pages (DEBUG off), with the test suite's fast hasher and static
            # files without a manifest (MASTHEAD_TESTING).
            "DEBUG": "false",
            "MASTHEAD_TESTING": "true",
            "SECRET_KEY": "load-test-key-" + "x" * 40,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "HTTPS": "false",
            "DATABASE_CONN_MAX_AGE": "60",
            "COMMENT_RATE_PER_MINUTE": "1000000",
            "LOG_LEVEL": "WARNING",
        }
    )
    env.pop("REDIS_URL", None)
    process = None
    try:
        if not migrated:
            subprocess.run(
                [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
                cwd=ROOT,
                env=env,
                check=True,
                timeout=300,
            )
        setup = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", SETUP.replace("READERS", str(readers))],
            cwd=ROOT,
            env=env,
            check=True,
            timeout=300,
            capture_output=True,
            text=True,
        )
        data = json.loads(setup.stdout.split("SETUP", 1)[1])
        port = _free_port()
        process = subprocess.Popen(
            _server_command(server, port),
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
        url = f"http://127.0.0.1:{port}"
        _wait_until_up(url, process)
        yield Site(url, dsn, database, data["slug"], data["article"], data["tokens"])
    finally:
        if process is not None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        if postgres:
            with psycopg.connect(admin, autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        else:
            shutil.rmtree(folder, ignore_errors=True)
