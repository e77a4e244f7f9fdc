"""The moderation queue with 10,000 held comments: server time of its pages.

Measured in-process with Django's test client (server time, no network): p50 / p99 of 200
requests for the first page, a page deep in the keyset (after 5,000 items), a page filtered by
rule, and the poll endpoint other moderators' decisions arrive through. PostgreSQL + Redis by
default (a database of its own, so other benchmarks can run beside it); `--sqlite` for the
embedded setup.

    .venv/bin/python bench/moderation_queue.py [--held 10000] [--requests 200] [--sqlite]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import PYTHON, ROOT, manage, production_env

BENCH_DB = "masthead_bench_moderation"

SEED = r"""
import json, random, sys
import django
django.setup()
from django.contrib.auth import get_user_model
from masthead.discussion.models import Comment
from masthead.newsroom.models import Article
spec = json.loads(sys.argv[1])
rng = random.Random(6)
articles = list(Article.objects.published())
User = get_user_model()
authors = [
    User.objects.get_or_create(username=f"benchreader{i}", defaults={"email": f"r{i}@x.org"})[0]
    for i in range(200)
]
rules = ["insults", "spam", "profanity", "hate", "off_topic", "formatting"]
rows = []
for n in range(spec["held"]):
    rule = rng.choice(rules)
    risk = round(rng.random(), 4)
    text = f"Held comment number {n} about the harbour and the council budget, again."
    rows.append(Comment(
        article=rng.choice(articles), author=rng.choice(authors), text=text,
        status="held", risk=risk,
        verdict={"action": "hold", "score": risk, "findings": [{
            "rule": rule, "score": risk, "action": "hold", "detail": "",
            "evidence": [{"start": 0, "end": 4, "text": "Held"}]}]},
    ))
Comment.objects.bulk_create(rows, batch_size=1000)
print(json.dumps({"held": Comment.objects.filter(status="held").count()}))
"""

MEASURE = r"""
import json, sys, time, statistics
import django
django.setup()
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from masthead.moderation import selectors
spec = json.loads(sys.argv[1])
moderator = get_user_model().objects.get(username="moderator")
client = Client()
client.force_login(moderator)
# A cursor 5,000 items deep, found by walking the keyset once.
cursor = None
walked = 0
while walked < 5000:
    page = selectors.queue_page(moderator, selectors.QueueFilters(show="held"), cursor)
    walked += len(page.items)
    cursor = page.next_cursor
out = {}
for label, url in [("first page", "/moderation/?show=held"),
                   ("page after 5,000", f"/moderation/?show=held&after={cursor}"),
                   ("filtered by rule", "/moderation/?rule=insults"),
                   ("poll", "/moderation/queue/changes/?since=0")]:
    timings = []
    for i in range(spec["requests"]):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    timings.sort()
    out[label] = {"p50": round(statistics.median(timings), 1),
                  "p99": round(timings[int(len(timings) * 0.99) - 1], 1),
                  "queries": len(queries)}
print(json.dumps(out))
"""


def run_script(env: dict[str, str], script: str, spec: dict) -> dict:
    result = subprocess.run(
        [PYTHON, "-c", script, json.dumps(spec)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        raise SystemExit(result.stderr[-3000:])
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--held", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--sqlite", action="store_true")
    args = parser.parse_args()
    var_dir = Path(tempfile.mkdtemp(prefix="masthead-bench-moderation-"))
    extra = {"REDIS_URL": "redis://127.0.0.1:6379/13"}
    if args.sqlite:
        extra = {"DATABASE_URL": f"sqlite:///{var_dir / 'bench.sqlite3'}", "REDIS_URL": ""}
    else:
        extra["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{BENCH_DB}"
        for sql in (f"DROP DATABASE IF EXISTS {BENCH_DB}", f"CREATE DATABASE {BENCH_DB}"):
            subprocess.run(
                ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc", sql],
                check=True,
                stdout=subprocess.DEVNULL,
            )
        subprocess.run(["redis-cli", "-n", "13", "flushdb"], check=True, stdout=subprocess.DEVNULL)
    env = production_env(var_dir, **extra)
    env["ALLOWED_HOSTS"] = "127.0.0.1,localhost,testserver"
    try:
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo")
        manage(env, "collectstatic", "--noinput")
        seeded = run_script(env, SEED, {"held": args.held})
        figures = run_script(env, MEASURE, {"requests": args.requests})
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)
    database = "SQLite" if args.sqlite else "PostgreSQL + Redis"
    print(f"moderation queue, {seeded['held']:,} held comments, {database}, server time (ms):")
    for label, row in figures.items():
        print(
            f"  {label:18} p50 {row['p50']:7.1f}  p99 {row['p99']:7.1f}  {row['queries']} queries"
        )


if __name__ == "__main__":
    main()
