"""Growth: the article page and its discussion with 1,000 comments, then with 1,000,000.

PostgreSQL with 50,000 articles (one in ten a draft, with tags, authors and view rows) generated
in SQL (bench/seed.py). First 1,000 comments, 100 of them under the measured article; then
999,000 more, 99,900 under the measured article and the rest spread over 5,000 others. Each
time the article page, its discussion page and the comment list API are requested in-process
with Django's test client, page cache off (so every request runs its queries), and timed:
p50 / p99 of `--requests` requests, three runs, min / median / max printed.

    .venv/bin/python bench/growth.py [--requests 200] [--runs 3] [--big 1000000]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("BENCH_DATABASE", "masthead_growth")
os.environ.setdefault("BENCH_REDIS_DB", "12")

from bench.common import PYTHON, ROOT, manage, production_env, spread

DB = os.environ["BENCH_DATABASE"]
SLUG = "harbour-bridge-reopens"

SETUP = r"""
import json, sys
import django
django.setup()
from django.contrib.auth import get_user_model
from django.db import connection
from bench import seed
from bench.side_by_side import BODY, HEADLINE
from masthead.newsroom.models import Article, Author, Section, Tag
from tests import factories
spec = json.loads(sys.argv[1])
sections = [Section.objects.create(name=f"Section {n}", slug=f"g-section-{n}") for n in range(12)]
tags = [Tag.objects.create(name=f"Tag {n}", slug=f"g-tag-{n}") for n in range(400)]
authors = [Author.objects.create(name=f"Author {n}", slug=f"g-author-{n}") for n in range(150)]
target = factories.article(slug=spec["slug"], headline=HEADLINE, body=BODY, tags=["harbour"])
user = get_user_model().objects.create_user("seeder", "seeder@example.org", "x",
                                            first_name="Seeder")
with connection.cursor() as cursor:
    seed.articles(cursor, count=spec["articles"], section_ids=[s.pk for s in sections],
                  tag_ids=[t.pk for t in tags], author_ids=[a.pk for a in authors])
    seed.views(cursor)
    cursor.execute("ANALYZE")
others = list(Article.objects.filter(slug__startswith="seeded-", status="published")
              .values_list("pk", flat=True)[:5000])
print(json.dumps({"target": target.pk, "others": others, "user": user.pk}))
"""

ADD = r"""
import json, sys
import django
django.setup()
from django.db import connection
from bench import seed
spec = json.loads(sys.argv[1])
with connection.cursor() as cursor:
    if spec["target_count"]:
        seed.comments(cursor, count=spec["target_count"], article_ids=[spec["target"]],
                      author_id=spec["user"])
    if spec["other_count"]:
        seed.comments(cursor, count=spec["other_count"], article_ids=spec["others"],
                      author_id=spec["user"])
    cursor.execute("ANALYZE")
    cursor.execute("SELECT count(*) FROM discussion_comment")
    total = cursor.fetchone()[0]
    cursor.execute("SELECT count(*) FROM newsroom_article")
    print(json.dumps({"comments": total, "articles": cursor.fetchone()[0]}))
"""

MEASURE = r"""
import json, statistics, sys, time
import django
django.setup()
from django.test import Client
spec = json.loads(sys.argv[1])
client = Client(HTTP_USER_AGENT="Mozilla/5.0 (bench)")
out = {}
for label, url in [("article page", f"/articles/{spec['slug']}/"),
                   ("discussion page", f"/articles/{spec['slug']}/discussion/"),
                   ("comment list API", f"/api/articles/{spec['slug']}/comments")]:
    for _ in range(10):
        assert client.get(url).status_code == 200
    timings = []
    for _ in range(spec["requests"]):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    timings.sort()
    out[label] = {"p50": statistics.median(timings),
                  "p99": timings[max(0, int(len(timings) * 0.99) - 1)]}
print(json.dumps(out))
"""


def run(env: dict[str, str], script: str, spec: dict) -> dict:
    done = subprocess.run(
        [PYTHON, "-c", script, json.dumps(spec)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise SystemExit(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=50_000)
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--big", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    var_dir = Path(tempfile.mkdtemp(prefix="masthead-growth-"))
    env = production_env(
        var_dir,
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{DB}",
        PAGE_CACHE_SECONDS="0",
        ALLOWED_HOSTS="testserver,127.0.0.1",
        PYTHONPATH=str(ROOT),
    )
    for sql in (f"DROP DATABASE IF EXISTS {DB}", f"CREATE DATABASE {DB}"):
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc", sql],
            check=True,
        )
    subprocess.run(
        ["redis-cli", "-n", os.environ["BENCH_REDIS_DB"], "flushdb"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    ids = run(env, SETUP, {"slug": SLUG, "articles": args.articles})
    results: dict[str, dict] = {}
    added = 0
    for total in (args.small, args.big):
        target_count = total // 10 - added // 10
        sizes = run(
            env,
            ADD,
            {
                **ids,
                "target_count": target_count,
                "other_count": (total - added) - target_count,
            },
        )
        added = total
        runs = [
            run(env, MEASURE, {"slug": SLUG, "requests": args.requests}) for _ in range(args.runs)
        ]
        label = f"{sizes['comments']:,} comments, {sizes['articles']:,} articles"
        results[label] = {
            page: {
                "p50": [r[page]["p50"] for r in runs],
                "p99": [r[page]["p99"] for r in runs],
            }
            for page in runs[0]
        }
        print(f"\n{label} (ms; min / median / max of {args.runs} runs of {args.requests})")
        for page, m in results[label].items():
            print(f"  {page}: p50 {spread(m['p50'])}, p99 {spread(m['p99'])}")
    small, big = list(results.values())
    print("\nratio of medians (big / small):")
    for page in small:
        from statistics import median

        ratio = median(big[page]["p50"]) / median(small[page]["p50"])
        print(f"  {page}: p50 {ratio:.2f}")
    Path(__file__).with_name("results").mkdir(exist_ok=True)
    Path(__file__).with_name("results").joinpath("growth.json").write_text(
        json.dumps(results, indent=2)
    )


if __name__ == "__main__":
    main()
