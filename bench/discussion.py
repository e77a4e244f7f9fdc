"""The discussion under load: reading a 20,000-comment thread, and 16 concurrent posters.

1. Server time of the first page of a discussion with 20,000 comments (and with 20, for the
   same query count), measured in-process with Django's test client: p50 / p99 of 200 requests.
2. Posting through the JSON API, standards review included, at 16 connections against the
   production server (granian, 2 processes x 2 threads; `--server gunicorn` for gunicorn gthread
   2 x 4): closed loop with wrk for `--seconds` a run (as bench/side_by_side.py), or, with
   `--rate`, 16 Python posters on a fixed schedule for `--posts` each. Then every acknowledged
   comment is looked up: none may be missing, none duplicated.

    .venv/bin/python bench/discussion.py [--comments 20000] [--posters 16] [--seconds 10]
    .venv/bin/python bench/discussion.py --no-reading --rate 120 --runs 2   # open loop
    .venv/bin/python bench/discussion.py --no-reading --servers 2x8,2x4,4x2   # server shapes
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import PYTHON, ROOT, WEB_THREADS, demo_site, granian, gunicorn, wrk_posting

WORDS = [
    "bridge",
    "council",
    "repairs",
    "detour",
    "traffic",
    "cables",
    "deck",
    "residents",
    "budget",
    "engineers",
    "river",
    "harbour",
    "cyclists",
    "buses",
    "winter",
    "summer",
    "weekend",
    "morning",
    "evening",
    "delay",
    "contract",
    "steel",
    "inspection",
    "safety",
    "opening",
    "ceremony",
    "mayor",
    "taxes",
    "schedule",
    "lanes",
    "pedestrians",
]

SEED = r"""
import json, sys, time
import django
django.setup()
from datetime import timedelta
from django.contrib.auth import get_user_model
from django.utils import timezone
from masthead.core.tokens import issue_token
from masthead.discussion.models import Comment
from masthead.newsroom.models import Article

spec = json.loads(sys.argv[1])
article = Article.objects.get(slug=spec["slug"])
User = get_user_model()
users = [
    User.objects.get_or_create(username=f"bench{i}", defaults={"email": f"b{i}@x.org"})[0]
    for i in range(spec["posters"])
]
start = timezone.now() - timedelta(days=1)
rows = []
roots = []
for i in range(spec["comments"]):
    rows.append(Comment(article=article, author=users[i % len(users)], text=f"Seed comment {i}",
                        status="published", like_count=i % 7))
created = Comment.objects.bulk_create(rows, batch_size=2000)
# A third of them become replies to earlier top-level comments.
replies = []
for c in created[::3][1:]:
    parent = created[(c.pk * 7) % len(created) // 3 * 3]
    if parent.pk < c.pk and parent.parent_id is None:
        c.parent_id, c.root_id, c.depth = parent.pk, parent.pk, 1
        replies.append(c)
Comment.objects.bulk_update(replies, ["parent_id", "root_id", "depth"], batch_size=2000)
Article.objects.filter(pk=article.pk).update(comment_count=len(created))
from allauth.account.models import EmailAddress
from django.db import connection
from masthead.accounts.models import Consent
from masthead.accounts.services import record_consent
for u in users:
    EmailAddress.objects.update_or_create(user=u, email=u.email,
                                          defaults={"verified": True, "primary": True})
    record_consent(u, method=Consent.Method.SIGNUP)
# What autovacuum does on a live site after a bulk load: without statistics the planner
# sorts the whole discussion instead of walking the thread index.
with connection.cursor() as cursor:
    cursor.execute("ANALYZE discussion_comment")
tokens = [issue_token(u, "bench") for u in users]
print(json.dumps({"tokens": tokens}))
"""

MEASURE = r"""
import json, sys, time, statistics
import django
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.core.cache import cache
spec = json.loads(sys.argv[1])
client = Client(SERVER_NAME="127.0.0.1")
out = {}
for label, url in [("html", f"/articles/{spec['slug']}/discussion/"),
                   ("api", f"/api/articles/{spec['slug']}/comments")]:
    timings = []
    for i in range(spec["requests"]):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    timings.sort()
    out[label] = {"p50": statistics.median(timings), "p99": timings[int(len(timings) * 0.99) - 1],
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
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"bench step failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def make_article(env: dict[str, str], slug: str) -> None:
    script = (
        "import django; django.setup()\n"
        "from tests import factories\n"
        "from masthead.newsroom.models import Section\n"
        f"factories.article(section=Section.objects.get(slug='world'), slug={slug!r}, "
        "headline='Harbour bridge reopens after repairs', "
        "body=['The council reopened the harbour bridge after months of repairs to the cables "
        "and the deck; residents welcomed the end of long detours.'])\n"
    )
    subprocess.run([PYTHON, "-c", script], cwd=ROOT, env=env, check=True)


def cpu_seconds_by_role() -> dict[str, float]:
    """CPU time used so far (user + system) by this machine's processes, grouped by role."""
    tick = os.sysconf("SC_CLK_TCK")
    totals: dict[str, float] = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as stat, open(f"/proc/{pid}/cmdline", "rb") as cmd:
                fields = stat.read().rsplit(")", 1)[1].split()
                command = cmd.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if "granian" in command or "gunicorn" in command:
            role = "web processes"
        elif command.startswith("postgres"):
            role = "PostgreSQL"
        elif "redis-server" in command:
            role = "Redis"
        elif int(pid) == os.getpid():
            role = "load generator (this script)"
        else:
            role = "everything else"
        totals[role] = totals.get(role, 0.0) + (int(fields[11]) + int(fields[12])) / tick
    return totals


def post_load(
    base: str, slug: str, tokens: list[str], posts: int, warm_up: int = 3, rate: float = 0.0
) -> dict:
    """Each poster sends `warm_up` comments first (stored and checked, not timed), then
    `posts` timed ones.

    Used with `rate` (the closed loop is `closed_loop`, wrk); without it each poster sends its
    next comment as soon as it has its answer. With `rate` (posts per second for all posters
    together), each poster sends on a fixed schedule, and a post's latency counts from
    the moment it was due, so a slow answer that delays the next post is not hidden
    (coordinated omission): the latency a reader sees at that load."""
    host, port = base.removeprefix("http://").split(":")
    acknowledged: list[int] = []
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    timed_from: list[float] = []

    def poster(token: str, n: int) -> None:
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        rng = random.Random(n)
        interval = len(tokens) / rate if rate else 0.0
        # Posters start spread over one interval, so the arrivals are even, not in bursts.
        due = time.perf_counter() + interval * n / len(tokens)
        for i in range(warm_up + posts):
            if interval:
                if i == warm_up:
                    due = max(due, time.perf_counter())
                pause = due - time.perf_counter()
                if pause > 0:
                    time.sleep(pause)
            text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 30))).capitalize()
            body = json.dumps(
                {"text": f"{text}. Post {n}-{i}.", "idempotency_key": uuid.uuid4().hex}
            )
            started = due if interval else time.perf_counter()
            due += interval
            connection.request(
                "POST",
                f"/api/articles/{slug}/comments",
                body=body,
                headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
            )
            response = connection.getresponse()
            payload = response.read()
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                if i == warm_up:
                    timed_from.append(time.perf_counter() - elapsed / 1000)
                if i >= warm_up:
                    latencies.append(elapsed)
                if response.status in (200, 201, 422):
                    acknowledged.append(json.loads(payload)["comment"]["id"])
                else:
                    failures.append(f"{response.status} {payload[:120]!r}")
        connection.close()

    threads = [threading.Thread(target=poster, args=(t, n)) for n, t in enumerate(tokens)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - (min(timed_from) if timed_from else started)
    latencies.sort()
    return {
        "requests": len(latencies),
        "per_second": len(latencies) / wall,
        "p50": statistics.median(latencies),
        "p99": latencies[int(len(latencies) * 0.99) - 1],
        "acknowledged": acknowledged,
        "failures": failures,
    }


def closed_loop(base: str, slug: str, tokens: list[str], seconds: int) -> dict:
    """wrk at one connection per poster for `seconds`, after a 1 s warm-up (checked, not
    timed): each answer is sent the next post at once, so the run finds the highest rate and
    the latency a queue of that many posters costs (p50 ≈ posters / rate)."""
    port = int(base.rsplit(":", 1)[1])
    path = f"/api/articles/{slug}/comments"

    def make(n: int, i: int, rng: random.Random) -> tuple[bytes, dict[str, str]]:
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 30))).capitalize()
        body = {"text": f"{text}. Post {n}-{i}.", "idempotency_key": uuid.uuid4().hex}
        headers = {
            "Authorization": f"Bearer {tokens[n % len(tokens)]}",
            "Content-Type": "application/json",
        }
        return json.dumps(body).encode(), headers

    def ack(status: int, payload: bytes, _answer: object) -> int | None:
        return int(json.loads(payload)["comment"]["id"]) if status in (200, 201, 422) else None

    warm = wrk_posting(port, path, make, ack, 1, connections=len(tokens))
    result = wrk_posting(port, path, make, ack, seconds, connections=len(tokens))
    result["acknowledged"] += warm["acknowledged"]
    result["failures"] += warm["failures"]
    result["wrk_cpu_seconds"] += warm["wrk_cpu_seconds"]
    # Posts in flight at wrk's deadline are stored after it stops reading: let them land.
    time.sleep(1)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--comments", type=int, default=20_000)
    parser.add_argument("--posters", type=int, default=16)
    parser.add_argument("--posts", type=int, default=60, help="posts per poster with --rate")
    parser.add_argument("--seconds", type=int, default=10, help="seconds per closed-loop run")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--server", choices=["granian", "gunicorn"], default="granian")
    parser.add_argument(
        "--servers",
        default=f"2x{WEB_THREADS}",
        help="granian processes x threads, comma-separated (e.g. 2x8,2x4): each run posts to "
        "each in turn, so they share the machine's noise",
    )
    parser.add_argument(
        "--no-reading", action="store_true", help="skip the first-page timings; only post"
    )
    parser.add_argument(
        "--rate",
        type=float,
        default=0.0,
        help="posts per second for all posters together, on a fixed schedule (open loop); "
        "default: as fast as answered (closed loop)",
    )
    args = parser.parse_args()
    with demo_site() as env:
        env = {**env, "COMMENT_RATE_PER_MINUTE": "100000", "PAGE_CACHE_SECONDS": "0"}
        discussions = [("small-thread", 20), ("big-thread", args.comments)]
        for slug, count in discussions[:1] if args.no_reading else discussions:
            make_article(env, slug)
            seeded = run_script(
                env, SEED, {"slug": slug, "comments": count, "posters": args.posters}
            )
            if args.no_reading:
                break
            timing = run_script(env, MEASURE, {"slug": slug, "requests": args.requests})
            print(
                f"first page, {count} comments: "
                + ", ".join(
                    f"{k}: p50 {v['p50']:.1f} ms, p99 {v['p99']:.1f} ms, {v['queries']} queries"
                    for k, v in timing.items()
                )
            )
        shapes = [tuple(int(n) for n in shape.split("x")) for shape in args.servers.split(",")]
        figures: dict[tuple[int, ...], dict[str, list[float]]] = {
            shape: {"rate": [], "p50": [], "p99": []} for shape in shapes
        }
        for run, (workers, threads) in (
            (run, shape) for run in range(1, args.runs + 1) for shape in shapes
        ):
            slug = f"posting-{run}-{workers}x{threads}"
            make_article(env, slug)
            server = (
                granian(env, workers=workers, threads=threads)
                if args.server == "granian"
                else gunicorn(env, workers=workers)
            )
            with server as base:
                before = cpu_seconds_by_role()
                result = (
                    post_load(base, slug, seeded["tokens"], args.posts, rate=args.rate)
                    if args.rate
                    else closed_loop(base, slug, seeded["tokens"], args.seconds)
                )
                after = cpu_seconds_by_role()
                if "wrk_cpu_seconds" in result:  # wrk has exited: its CPU, as it reported it
                    after["load generator (wrk)"] = result["wrk_cpu_seconds"]
            check = subprocess.run(
                [
                    PYTHON,
                    "-c",
                    "import django, json, sys; django.setup()\n"
                    "from masthead.discussion.models import Comment\n"
                    f"ids = list(Comment.objects.filter(article__slug={slug!r}).values_list("
                    "'id', flat=True))\nprint(json.dumps(ids))",
                ],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            stored = json.loads(check.stdout.strip().splitlines()[-1])
            acked = result["acknowledged"]
            figures[(workers, threads)]["rate"].append(result["per_second"])
            figures[(workers, threads)]["p50"].append(result["p50"])
            figures[(workers, threads)]["p99"].append(result["p99"])
            print(
                f"run {run}, {args.server} {workers}x{threads}: posting, {args.posters} posters"
                + (
                    f" x {args.posts} (after 3 untimed each, scheduled at {args.rate:g} posts/s):"
                    if args.rate
                    else f", wrk closed loop for {args.seconds} s (after 1 s of warm-up):"
                )
                + f" {result['per_second']:.0f} posts/s, p50 {result['p50']:.1f} ms,"
                f" p99 {result['p99']:.1f} ms, {len(result['failures'])} failed requests;"
                f" acknowledged {len(acked)}, stored {len(stored)}, missing"
                f" {len(set(acked) - set(stored))}, duplicated acks {len(acked) - len(set(acked))},"
                f" stored but not acknowledged {len(set(stored) - set(acked))}"
            )
            posts = len(acked)
            print(
                "  CPU per post (warm-up included): "
                + ", ".join(
                    f"{role} {(after[role] - before.get(role, 0.0)) / posts * 1000:.2f} ms"
                    for role in sorted(after)
                )
            )
            if result["failures"]:
                print("first failures:", result["failures"][:3])
        for (workers, threads), shape_figures in figures.items():
            print(
                f"posting, {args.server} {workers}x{threads}, min / median / max of runs: "
                + "; ".join(
                    f"{name} {min(v):.1f} / {statistics.median(v):.1f} / {max(v):.1f}"
                    for name, v in shape_figures.items()
                )
            )


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
