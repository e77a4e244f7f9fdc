"""Test databases copied from a migrated template instead of migrated from nothing each time.

Running every migration takes about 7 s of CPU here, and a CI run made ten databases that
way: pytest-django's test database for each suite (SQLite, PostgreSQL, the slow tier, the
browser tests) and the real servers' own databases (`tests/load/server.py` for the load tests
and granian, `tests/faults/test_sqlite_commenters.py`, each in both suites). Now the first of
them is migrated as before and kept as a template; the others are copies of it, which take a
tenth of a second:

- PostgreSQL: a database `<prefix>_<key>` in the same cluster, copied with
  `CREATE DATABASE … TEMPLATE` and closed to connections (`ALLOW_CONNECTIONS false`), so nothing
  can change it after it was made.
- SQLite: a file `<prefix>_<key>.sqlite3` in `~/.cache/masthead/` (`XDG_CACHE_HOME`), copied into
  the in-memory test database with SQLite's backup API, or as a file for a server of its own.

The key is a hash of everything that decides what `migrate` leaves in a database: every file of
the `masthead` package (migrations, models, the `post_migrate` handlers that make the groups and
their permissions, the rule catalogue), this file, `pyproject.toml`, the name and version of every
installed distribution (Django and the third-party apps bring migrations of their own), the
settings `migrate` reads, the engine and, for PostgreSQL, the server's version. A change to any of
them is a new key, so a template is never used for code it was not made from; templates of other
keys are removed when a new one is made. Where no template can be made or copied, a database is
migrated as before: a machine without the cache is only slower.

`TEST_DATABASE_TEMPLATE` names the prefix (default `test_masthead_template`; two checkouts
that share a PostgreSQL cluster and a home directory should use different prefixes, or they
remove each other's templates), and `off` turns templates off.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import os
import shutil
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# Part of the key: a change in how templates are made invalidates the old ones.
FORMAT = "1"
STALE_FILE_SECONDS = 7 * 24 * 3600


def prefix() -> str:
    return os.environ.get("TEST_DATABASE_TEMPLATE", "test_masthead_template")


def enabled() -> bool:
    return prefix() not in {"", "off"}


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "masthead" / "test-databases"


def key(vendor: str, server_version: str = "") -> str:
    """What `migrate` leaves in a database of this engine, as a hash (see the module's text)."""
    from django.conf import settings

    digest = hashlib.sha256()

    def add(*parts: object) -> None:
        for part in parts:
            data = part if isinstance(part, bytes) else repr(part).encode()
            digest.update(len(data).to_bytes(8, "big") + data)

    add(FORMAT, vendor, server_version, sys.version)
    files = [p for p in (ROOT / "masthead").rglob("*") if p.is_file()]
    files = [p for p in files if "__pycache__" not in p.parts]
    for path in [*sorted(files), ROOT / "pyproject.toml", Path(__file__)]:
        add(str(path.relative_to(ROOT)), path.read_bytes())
    add(sorted((d.metadata["Name"] or "", d.version) for d in importlib.metadata.distributions()))
    add(
        list(settings.INSTALLED_APPS),
        settings.AUTH_USER_MODEL,
        settings.LANGUAGE_CODE,
        getattr(settings, "SITE_LANGUAGE", ""),
        getattr(settings, "MIGRATION_MODULES", {}),
    )
    return digest.hexdigest()[:20]


# --- PostgreSQL ---------------------------------------------------------------------------------


def _server_version(cursor: Any) -> str:
    cursor.execute("SHOW server_version")
    return str(cursor.fetchone()[0])


def postgres_template(cursor: Any) -> str:
    """The template's name for this code on the server `cursor` is connected to."""
    return f"{prefix()}_{key('postgresql', _server_version(cursor))}"


def postgres_exists(cursor: Any, name: str) -> bool:
    cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
    return cursor.fetchone() is not None


def postgres_copy(cursor: Any, target: str) -> bool:
    """Create `target` (dropped first if it exists) as a copy of the template, if there is one.

    False when templates are off, there is none yet or the copy failed: migrate instead.
    """
    import psycopg
    from django.db import DatabaseError

    if not enabled():
        return False
    template = postgres_template(cursor)
    if not postgres_exists(cursor, template):
        return False
    try:
        cursor.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{target}" TEMPLATE "{template}"')
    except (DatabaseError, psycopg.Error):
        return False
    return True


def postgres_keep(cursor: Any, source: str, template: str) -> None:
    """Keep the freshly migrated `source` as `template`, and drop templates of other keys."""
    from django.db import DatabaseError

    try:
        cursor.execute(f'CREATE DATABASE "{template}" TEMPLATE "{source}"')
        cursor.execute(f'ALTER DATABASE "{template}" WITH ALLOW_CONNECTIONS false')
    except DatabaseError:
        return  # another run made it meanwhile, or something holds the source open
    cursor.execute(
        "SELECT datname FROM pg_database WHERE starts_with(datname, %s) AND datname <> %s",
        [f"{prefix()}_", template],
    )
    for (stale,) in cursor.fetchall():
        # One being copied right now stays; the next new template removes it.
        with contextlib.suppress(DatabaseError):
            cursor.execute(f'DROP DATABASE IF EXISTS "{stale}"')


# --- SQLite -------------------------------------------------------------------------------------


def sqlite_template() -> Path:
    return _cache_dir() / f"{prefix()}_{key('sqlite', sqlite3.sqlite_version)}.sqlite3"


def sqlite_copy(target: Path) -> bool:
    """Write the template to the file `target`; False when there is none yet."""
    template = sqlite_template() if enabled() else None
    if template is None or not template.exists():
        return False
    shutil.copyfile(template, target)
    return True


def sqlite_keep(source: sqlite3.Connection) -> None:
    """Save the freshly migrated database `source` as the template (atomically)."""
    template = sqlite_template()
    template.parent.mkdir(parents=True, exist_ok=True)
    partial = template.with_name(f"{template.name}.{os.getpid()}.partial")
    target = sqlite3.connect(partial)
    try:
        source.backup(target)
    finally:
        target.close()
    os.replace(partial, template)
    for old in template.parent.glob(f"{prefix()}_*.sqlite3"):
        if old != template and time.time() - old.stat().st_mtime > STALE_FILE_SECONDS:
            old.unlink(missing_ok=True)


# --- pytest-django's test databases -------------------------------------------------------------


def install() -> None:
    """Make Django's `create_test_db` copy the template (or make it), for this process."""
    from django.db.backends.base.creation import BaseDatabaseCreation

    original = BaseDatabaseCreation.create_test_db
    if getattr(original, "from_template", False):
        return

    def create_test_db(self, verbosity=1, autoclobber=False, serialize=None, keepdb=False):
        from django.conf import settings

        vendor = self.connection.vendor
        name = self._get_test_db_name()
        if (
            keepdb
            or serialize is not None
            or not enabled()
            or self.connection.settings_dict["TEST"].get("MIGRATE") is False
            or not isinstance(settings.MIGRATION_MODULES, dict)  # pytest --no-migrations
            or vendor not in {"postgresql", "sqlite"}
            or (vendor == "sqlite" and not self.is_in_memory_db(name))
        ):
            return original(self, verbosity, autoclobber, serialize, keepdb)
        if vendor == "postgresql":
            return _postgres_test_db(self, original, name, verbosity, autoclobber)
        return _sqlite_test_db(self, original, name, verbosity, autoclobber)

    create_test_db.from_template = True  # type: ignore[attr-defined]
    BaseDatabaseCreation.create_test_db = create_test_db  # type: ignore[method-assign]


def _use(creation: Any, name: str) -> str:
    from django.conf import settings
    from django.core.management import call_command

    creation.connection.close()
    settings.DATABASES[creation.connection.alias]["NAME"] = name
    creation.connection.settings_dict["NAME"] = name
    call_command("createcachetable", database=creation.connection.alias)
    creation.connection.ensure_connection()
    return name


def _postgres_test_db(creation, original, name, verbosity, autoclobber) -> str:
    with creation._nodb_cursor() as cursor:
        if postgres_copy(cursor, name):
            if verbosity >= 1:
                creation.log(f"Copied test database {name} from a template")
            return _use(creation, name)
    name = original(creation, verbosity, autoclobber, None, False)
    creation.connection.close()
    with creation._nodb_cursor() as cursor:
        postgres_keep(cursor, name, postgres_template(cursor))
    return name


def _sqlite_test_db(creation, original, name, verbosity, autoclobber) -> str:
    template = sqlite_template()
    if template.exists():
        creation._create_test_db(verbosity, autoclobber, False)
        _use(creation, name)
        source = sqlite3.connect(f"{template.as_uri()}?mode=ro", uri=True)
        try:
            source.backup(creation.connection.connection)
        finally:
            source.close()
        if verbosity >= 1:
            creation.log(f"Copied test database from {template}")
        return name
    name = original(creation, verbosity, autoclobber, None, False)
    sqlite_keep(creation.connection.connection)
    return name


def end_other_sessions(connection: Any) -> None:
    """End the other sessions on `connection`'s PostgreSQL test database, so it can be dropped.

    The live server's request threads keep persistent connections (CONN_MAX_AGE) that nobody
    closes; with them open, dropping the test database failed and left it behind.
    """
    if connection.vendor != "postgresql":
        return
    name = connection.settings_dict["NAME"]
    connection.close()
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = %s AND pid <> pg_backend_pid()",
            [name],
        )
