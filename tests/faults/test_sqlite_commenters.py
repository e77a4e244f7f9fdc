"""The default SQLite setup takes 40 readers commenting at once, with no "database is locked".

Unlike tests/core/test_sqlite_concurrency.py (raw SQL), this goes through the real write path,
`submit_comment`: the standards review, the counter update, the idempotency key and the page
cache bump, each in its transaction. It runs in a fresh interpreter with the project's settings
pointed at a SQLite file, since the suite's own test database is not what a publisher runs on.
"""

import os
import subprocess
import sys
from pathlib import Path

from tests import dbtemplate

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import threading
import django
django.setup()
from django.core.management import call_command
from django.contrib.auth import get_user_model
from django.db import connection

call_command("migrate", verbosity=0, interactive=False)
from allauth.account.models import EmailAddress
from masthead.discussion.models import Comment
from masthead.discussion.services import submit_comment
from masthead.newsroom.models import Article
from tests import factories

WRITERS, POSTS_EACH = 40, 3
article = factories.article(body=["The harbour bridge reopened on Monday after repairs."])
users = []
for n in range(WRITERS):
    user = get_user_model().objects.create_user(f"writer{n}", f"writer{n}@example.org", "pw")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    users.append(user)
connection.close()
errors, acknowledged = [], []
start = threading.Barrier(WRITERS)

def writer(user):
    try:
        start.wait()
        for n in range(POSTS_EACH):
            outcome = submit_comment(
                author=user, article=article,
                text=f"Reader {user.pk} thinks the bridge repairs took long, take {n}.",
                idempotency_key=f"{user.pk}-{n}",
            )
            acknowledged.append(outcome.comment.pk)
    except BaseException as error:
        errors.append(repr(error))
    finally:
        connection.close()

threads = [threading.Thread(target=writer, args=(u,)) for u in users]
for t in threads: t.start()
for t in threads: t.join()
print("errors", len(errors), errors[:3])
print("acknowledged", len(acknowledged), len(set(acknowledged)))
print("rows", Comment.objects.count())
published = Comment.objects.filter(status="published").count()
print("counter_matches", Article.objects.get(pk=article.pk).comment_count == published)
"""


def test_forty_concurrent_commenters_through_submit_comment_never_see_database_is_locked(
    tmp_path,
):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("PYTEST") and k not in {"DATABASE_URL", "REDIS_URL"}
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "masthead.settings",
            "DEBUG": "true",
            "MASTHEAD_TESTING": "true",
            "MASTHEAD_VAR_DIR": str(tmp_path),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}",
            "COMMENT_RATE_PER_MINUTE": "1000",
        }
    )
    # The script migrates the file; copied from the suite's template (tests/dbtemplate.py)
    # where there is one, that finds nothing left to do.
    dbtemplate.sqlite_copy(tmp_path / "site.sqlite3")
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "errors 0 []" in result.stdout, result.stdout
    assert "acknowledged 120 120" in result.stdout
    assert "rows 120" in result.stdout
    assert "counter_matches True" in result.stdout
