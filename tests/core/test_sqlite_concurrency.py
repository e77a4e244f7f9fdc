"""The embedded SQLite setup takes 40 concurrent writers without "database is locked".

It runs in a fresh interpreter with the project's real settings pointed at a SQLite file, since
the test database of the suite is not the embedded file a publisher runs on.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import threading
import django
django.setup()
from django.db import connection, transaction

WRITERS, WRITES_EACH = 40, 10
with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE comments (id INTEGER PRIMARY KEY, writer INT, n INT)")
    cursor.execute("PRAGMA journal_mode")
    print("journal", cursor.fetchone()[0])
errors = []
start = threading.Barrier(WRITERS)

def writer(number):
    try:
        start.wait()
        for n in range(WRITES_EACH):
            # Read, then write, in one transaction: the pattern that fails with deferred
            # transactions when two writers try to upgrade their locks at once.
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM comments WHERE writer = %s", [number])
                cursor.execute("INSERT INTO comments (writer, n) VALUES (%s, %s)", [number, n])
    except BaseException as error:
        errors.append(repr(error))
    finally:
        connection.close()

threads = [threading.Thread(target=writer, args=(i,)) for i in range(WRITERS)]
for t in threads: t.start()
for t in threads: t.join()
with connection.cursor() as cursor:
    cursor.execute("SELECT count(*) FROM comments")
    print("rows", cursor.fetchone()[0])
print("errors", len(errors), errors[:3])
"""


def test_forty_concurrent_writers_never_see_database_is_locked(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "masthead.settings",
            "DEBUG": "true",
            "MASTHEAD_VAR_DIR": str(tmp_path),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}",
        }
    )
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "journal wal" in result.stdout
    assert "rows 400" in result.stdout
    assert "errors 0 []" in result.stdout
