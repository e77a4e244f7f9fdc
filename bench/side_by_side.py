"""Masthead in its production setup, and its peers, measured in one run on one machine.

Everything talks to 127.0.0.1 only, every load is bounded in time, and each figure is min /
median / max of `--runs` runs. wrk (Debian's) drives every load at 32 connections, posting
included: a Lua script sends prepared requests (each poster's own identity and new texts) and
keeps every answer, so each acknowledged comment can be looked up afterwards.

Parts (all by default; choose with --only):

  servers   the article page from gunicorn sync, gunicorn gthread, granian (WSGI) and uvicorn
            (ASGI), Masthead's own page cache, no proxy cache
  nginx     the chosen server behind nginx's 1 s micro-cache (deploy/nginx-masthead.conf.template
            rendered for loopback ports), and nginx serving the same page as a static file
  api       the thread's comment list as JSON, and the same with psycopg's pool, with persistent
            connections (the default) and with a connection per request
  posting   32 concurrent posters through the JSON API, full standards review, a task worker
            running; then every comment is counted
  memory    resident memory of each web process and of the task worker after the runs
  wordpress WordPress (Debian's package, php-fpm, nginx, MariaDB; bench/wordpress.py): the article
            page and posting
  isso      Isso (PyPI, its own venv in the peers' cache, gunicorn): comment list and posting
  ghost     Ghost 5 (npm, SQLite, run with node; bench/ghost.py): the article page, the comment
            list from its members' comments API, posting as members, and its resident memory

The Masthead parts share one demo database; it is built only when one of them is chosen. The
peers run after them, one at a time, each alone on the machine. A summary of the ratios the
issue asks for (medians of the same run) closes the output.

Every server listens on a free loopback port chosen when it starts, in a process group of its
own; an interrupted run (Ctrl-C, SIGTERM, SIGHUP) stops them all before it exits. `--install`
only installs the peers chosen with --only (Debian's packages, Ghost and Isso into the cache
named by MASTHEAD_BENCH_CACHE, ~/.cache/masthead-bench by default) and measures nothing.

    .venv/bin/python bench/side_by_side.py [--seconds 5] [--runs 3] [--only servers,nginx]
    .venv/bin/python bench/side_by_side.py --install --only wordpress,isso,ghost
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("BENCH_DATABASE", "masthead_side_by_side")
os.environ.setdefault("BENCH_REDIS_DB", "12")

from bench.common import (
    CACHE,
    PYTHON,
    ROOT,
    WEB_THREADS,
    demo_site,
    free_port,
    serve,
    spread,
    stopping_servers_on_signals,
    wrk,
    wrk_posting,
)
from bench.discussion import WORDS

SLUG = "harbour-bridge-reopens"
ARTICLE = f"/articles/{SLUG}/"
COMMENTS_API = f"/api/articles/{SLUG}/comments"
ISSO_VERSION = "0.14.0"
MASTHEAD_PARTS = ["servers", "nginx", "api", "posting", "memory"]
# The peers take seconds for a batch of 32 requests: a longer warm-up, and runs that start once
# the previous run's requests are answered (see measure).
PEER_WARMUP: dict = {"warmup": 5, "drain": True}
PEER_PARTS = ["wordpress", "isso", "ghost"]
CONNECTIONS = 32
BIN = Path(PYTHON).parent

# About 800 words: the same text goes into every peer.
PARAGRAPHS = [
    "The council reopened the old harbour bridge on Monday morning after eight months of "
    "repairs that replaced the steel cables, the deck and the lighting along both footpaths.",
    "Engineers said the work had taken longer than planned because the original drawings from "
    "the nineteen-sixties did not match what they found once the old asphalt came off.",
    "Residents on both banks had complained about detours of up to forty minutes while the "
    "bridge was closed to cars, and shop owners near the old market said trade fell by a third.",
    "Buses returned to the bridge at six o'clock, and the first cyclists crossed a few minutes "
    "later under a light rain, many of them stopping to photograph the new railings.",
    "The mayor thanked the crews who worked through the winter and promised that the last "
    "part of the project, a wider path for pedestrians on the eastern side, would open in May.",
    "The final bill came to slightly more than the budget approved two years ago; the council "
    "said the difference would be covered by savings elsewhere and not by new local taxes.",
]
BODY = [PARAGRAPHS[i % len(PARAGRAPHS)] for i in range(26)]  # 26 paragraphs, about 800 words
HEADLINE = "Harbour bridge reopens after eight months of repairs"


def comment_text(rng: random.Random, n: int) -> str:
    words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(10, 30))).capitalize()
    return f"{words}. Comment {n}."


# --- Masthead ------------------------------------------------------------------------------------

SEED = r"""
import json, random, sys
import django
django.setup()
from django.contrib.auth import get_user_model
from allauth.account.models import EmailAddress
from masthead.accounts import services as accounts
from masthead.accounts.models import Consent
from masthead.core.tokens import issue_token
from tests import factories
spec = json.loads(sys.argv[1])
article = factories.article(slug=spec["slug"], headline=spec["headline"], body=spec["body"])
User = get_user_model()
users = []
for i in range(spec["posters"]):
    user = User.objects.create_user(f"poster{i}", f"poster{i}@example.org", "x",
                                    first_name=f"Poster {i}")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    accounts.record_consent(user, method=Consent.Method.SIGNUP)
    users.append(user)
for n, text in enumerate(spec["comments"]):
    factories.comment(article, users[n % len(users)], text)
from django.db.models import F
from masthead.newsroom.models import Article
Article.objects.filter(pk=article.pk).update(comment_count=len(spec["comments"]))
print(json.dumps({"tokens": [issue_token(u, "bench") for u in users]}))
"""

COUNT = r"""
import json, sys
import django
django.setup()
from masthead.discussion.models import Comment
ids = list(Comment.objects.filter(article__slug=sys.argv[1]).values_list("id", flat=True))
print(json.dumps(ids))
"""


def granian_command(threads: int, port: int) -> list[str]:
    return [
        *(str(BIN / "granian"), "--interface", "wsgi", "--workers", "2"),
        *("--blocking-threads", str(threads), "--host", "127.0.0.1", "--port", str(port)),
        *("--no-access-log", "--log-level", "warning", "masthead.wsgi:application"),
    ]


SERVERS: dict[str, Callable[[int], list[str]]] = {
    "gunicorn sync (4 processes)": lambda port: [
        *(str(BIN / "gunicorn"), "masthead.wsgi", "-w", "4", "-b", f"127.0.0.1:{port}"),
        *("--log-level", "warning"),
    ],
    "gunicorn gthread (2 processes x 8 threads)": lambda port: [
        *(str(BIN / "gunicorn"), "masthead.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}"),
        *("--worker-class", "gthread", "--threads", "8", "--log-level", "warning"),
    ],
    # The production default (2 threads a process), and 8 and 4 (bench/README.md, "Side by side").
    **{
        f"granian WSGI (2 processes x {threads} threads)": partial(granian_command, threads)
        for threads in sorted({WEB_THREADS, 8, 4}, reverse=True)
    },
    "uvicorn ASGI (2 processes)": lambda port: [
        *(str(BIN / "uvicorn"), "masthead.asgi:application", "--workers", "2"),
        *("--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"),
        "--no-access-log",
    ],
}
CHOSEN = f"granian WSGI (2 processes x {WEB_THREADS} threads)"


def server(name: str, env: dict[str, str], port: int):
    return serve(SERVERS[name](port), env, f"http://127.0.0.1:{port}/robots.txt")


def measure(
    url: str, runs: int, seconds: int, timeout: int = 2, warmup: int = 1, drain: bool = False
) -> dict[str, list[float]]:
    """wrk after a warm-up; `drain` waits before each run for the requests wrk left behind.

    wrk stops at its deadline with 32 requests in flight, which the server still answers. A
    peer that takes seconds per batch (Ghost, WordPress) would spend the next run's first
    seconds on them: one request sent alone is answered after them, so it marks the end.
    """
    wrk(url, seconds=warmup, connections=CONNECTIONS, timeout=timeout)  # warm caches, workers
    out: dict[str, list[float]] = {"rps": [], "p50": [], "p99": [], "non_2xx": [], "timeouts": []}
    for _ in range(runs):
        if drain:
            with urllib.request.urlopen(url, timeout=300) as response:  # noqa: S310 - loopback
                response.read()
        result = wrk(url, seconds=seconds, connections=CONNECTIONS, timeout=timeout)
        for key in out:
            out[key].append(result.get(key, 0.0))
    return out


def row(label: str, m: dict[str, list[float]]) -> str:
    errors = f" ({int(sum(m['non_2xx']))} non-2xx)" if sum(m["non_2xx"]) else ""
    if sum(m.get("timeouts", [])):
        errors += f" ({int(sum(m['timeouts']))} timed out)"
    return f"| {label} | {spread(m['rps'])}{errors} | {spread(m['p50'])} | {spread(m['p99'])} |"


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def settle(count: Callable[[], int]) -> int:
    """The stored count once requests still in flight at wrk's deadline are answered."""
    last, deadline = count(), time.monotonic() + 60
    while time.monotonic() < deadline:
        time.sleep(1)
        now = count()
        if now == last:
            return now
        last = now
    return last


def masthead_post_load(port: int, tokens: list[str], seconds: int) -> dict:
    def make(n: int, i: int, rng: random.Random) -> tuple[bytes, dict[str, str]]:
        body = json.dumps({"text": comment_text(rng, n * 100_000 + i)}).encode()
        headers = {
            "Authorization": f"Bearer {tokens[n % len(tokens)]}",
            "Content-Type": "application/json",
        }
        return body, headers

    def ack(status: int, payload: bytes, _response: object) -> int | None:
        if status in (200, 201, 422):  # 422: rejected by the standards, stored for its author
            return int(json.loads(payload)["comment"]["id"])
        return None

    return wrk_posting(port, COMMENTS_API, make, ack, seconds)


def posting_runs(load: Callable[[], dict], count: Callable[[], int], runs: int) -> list[dict]:
    """`runs` posting runs, each starting once the previous one's last requests are stored."""
    done = []
    for _ in range(runs):
        done.append(load())
        settle(count)
    return done


def summarise_posting(label: str, runs: list[dict], stored: int, before: int) -> list[str]:
    acked = [a for r in runs for a in r["acknowledged"]]
    failures = [f for r in runs for f in r["failures"]]
    unique = len(set(acked))
    # wrk stops at its deadline with requests in flight: the server stores them, wrk never reads
    # their answers. Stored minus acknowledged is that, never more than 32 a run.
    late = stored - before - unique
    lines = [
        f"| {label} | {spread([r['per_second'] for r in runs])} | "
        f"{spread([r['p50'] for r in runs])} | {spread([r['p99'] for r in runs])} | "
        f"{len(acked)} acknowledged, {stored - before} stored "
        f"({'lost ' + str(-late) if late < 0 else str(late) + ' answered after the deadline'}), "
        f"{len(acked) - unique} duplicated, {len(failures)} failed |"
    ]
    if failures:
        lines.append(f"first failures: {failures[:3]}")
    return lines


# --- nginx ---------------------------------------------------------------------------------------


@contextmanager
def nginx(
    static_root: str, media_root: str, page_html: bytes, upstream: int
) -> Iterator[tuple[int, int]]:
    """nginx in front of Masthead on `upstream`; yields its port and the static file's port."""
    port, static_port = free_port(), free_port()
    prefix = Path(tempfile.mkdtemp(prefix="masthead-nginx-"))
    (prefix / "logs").mkdir()
    (prefix / "cache").mkdir()
    (prefix / "ceiling").mkdir()
    (prefix / "ceiling" / "article.html").write_bytes(page_html)
    site = (ROOT / "deploy" / "nginx-masthead.conf.template").read_text()
    for key, value in {
        "listen": f"127.0.0.1:{port}",
        "upstream": f"127.0.0.1:{upstream}",
        "static_root": static_root,
        "media_root": media_root,
        "cache_dir": str(prefix / "cache"),
    }.items():
        site = site.replace("{{" + key + "}}", value)
    (prefix / "masthead.conf").write_text(site)
    user = "user root root;" if os.geteuid() == 0 else ""
    (prefix / "nginx.conf").write_text(
        f"""{user}
worker_processes auto;
pid {prefix}/nginx.pid;
error_log {prefix}/logs/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    sendfile on;
    keepalive_requests 100000;
    include {prefix}/masthead.conf;
    server {{
        listen 127.0.0.1:{static_port};
        root {prefix}/ceiling;
        location / {{ try_files $uri =404; }}
    }}
}}
"""
    )
    command = ["nginx", "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-g", "daemon off;"]
    try:
        with serve(command, None, f"http://127.0.0.1:{static_port}/article.html"):
            yield port, static_port
    finally:
        shutil.rmtree(prefix, ignore_errors=True)


# --- Isso ----------------------------------------------------------------------------------------

ISSO_CONF = """[general]
dbpath = {db}
host = http://127.0.0.1:{port}/
[moderation]
enabled = false
[guard]
enabled = false
[server]
listen = http://127.0.0.1:{port}/
[hash]
salt = Eech7co8Ohloopo9Ol6baimi
"""


def install_isso() -> Path:
    """Isso's venv in the cache, made on first use, so that no run installs anything."""
    home = CACHE / f"isso-{ISSO_VERSION}"
    if not (home / ".installed").exists():
        shutil.rmtree(home, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "venv", str(home / "venv")], check=True)
        subprocess.run(
            [
                *(str(home / "venv/bin/pip"), "install", "-q"),
                *(f"isso=={ISSO_VERSION}", "gunicorn==27.0.1"),
            ],
            check=True,
        )
        (home / ".installed").write_text(ISSO_VERSION + "\n")
    return home / "venv"


@contextmanager
def isso_server() -> Iterator[int]:
    """Isso with an empty database in a temp dir; yields its port."""
    venv = install_isso()
    home = Path(tempfile.mkdtemp(prefix="masthead-isso-"))
    port = free_port()
    try:
        conf = home / "isso.cfg"
        conf.write_text(ISSO_CONF.format(db=home / "comments.db", port=port))
        env = {**os.environ, "ISSO_SETTINGS": str(conf)}
        # Each gunicorn worker creates the database on a fresh start, and two at once race on its
        # session key (UNIQUE constraint failed: preferences.key, the worker exits and so does
        # gunicorn): create it once before them.
        subprocess.run(
            [str(venv / "bin/python"), "-c", "import isso.run"],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        command = [
            str(venv / "bin/gunicorn"),
            "isso.run",
            "-w",
            "2",
            "--worker-class",
            "gthread",
            "--threads",
            "8",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ]
        with serve(command, env, f"http://127.0.0.1:{port}/info"):
            yield port
    finally:
        shutil.rmtree(home, ignore_errors=True)


def isso_post(port: int, text: str, author: str) -> tuple[bytes, dict[str, str]]:
    body = json.dumps(
        {"text": text, "author": author, "email": None, "website": None, "title": HEADLINE}
    )
    headers = {"Content-Type": "application/json", "Origin": f"http://127.0.0.1:{port}"}
    return body.encode(), headers


def isso_count(port: int) -> int:
    with urllib.request.urlopen(
        f"http://127.0.0.1:{port}/?uri={ARTICLE}&limit=100000&nested_limit=100000"
    ) as response:
        data = json.loads(response.read())
    return data["total_replies"]


# --- the run -------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=int, default=5, help="seconds per wrk run")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (min/median/max)")
    parser.add_argument(
        "--install",
        action="store_true",
        help="only install the peers chosen with --only (nothing is measured)",
    )
    parser.add_argument(
        "--only",
        default=",".join(MASTHEAD_PARTS + PEER_PARTS),
        help="comma-separated parts (default: all of them): "
        + ", ".join(MASTHEAD_PARTS + PEER_PARTS),
    )
    args = parser.parse_args()
    parts = {part.strip() for part in args.only.split(",") if part.strip()}
    unknown = parts - set(MASTHEAD_PARTS + PEER_PARTS)
    if unknown:
        parser.error(f"unknown parts: {', '.join(sorted(unknown))}")
    with stopping_servers_on_signals():
        if args.install:
            install_peers(parts)
        else:
            run(args, parts)


def install_peers(parts: set[str]) -> None:
    from bench import ghost as gh
    from bench import wordpress as wp

    if "wordpress" in parts:
        wp.install_packages()
        print("WordPress: Debian's packages", ", ".join(wp.PACKAGES), flush=True)
    if "isso" in parts:
        print(f"Isso {ISSO_VERSION}: {install_isso()}", flush=True)
    if "ghost" in parts:
        gh.check_node()
        print(f"Ghost {gh.GHOST_VERSION}: {gh.install()}", flush=True)


def run(args: argparse.Namespace, parts: set[str]) -> None:
    out: list[str] = []
    results: dict[str, object] = {}

    def say(line: str) -> None:
        print(line, flush=True)
        out.append(line)

    say(
        f"Side by side, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, parts: "
        + ", ".join(p for p in MASTHEAD_PARTS + PEER_PARTS if p in parts)
    )
    rng = random.Random(1)
    comments = [comment_text(rng, n) for n in range(100)]
    if parts & set(MASTHEAD_PARTS):
        with demo_site() as env:
            masthead_parts(args, parts, say, comments, results, env)

    peers = {
        "wordpress": ("WordPress", wordpress_part),
        "isso": ("Isso", isso_part),
        "ghost": ("Ghost", ghost_part),
    }
    for part in PEER_PARTS:
        if part in parts:
            name, run_part = peers[part]
            try:
                run_part(args, say, comments, results)
            except (subprocess.CalledProcessError, RuntimeError, OSError) as error:
                say(f"\n{name} could not be measured: {error!r}")

    summary(say, results)
    Path(__file__).with_name("results").mkdir(exist_ok=True)
    Path(__file__).with_name("results").joinpath("side_by_side.json").write_text(
        json.dumps(results, indent=2, default=str)
    )
    Path(__file__).with_name("results").joinpath("side_by_side.md").write_text("\n".join(out))


def masthead_parts(
    args,
    parts: set[str],
    say: Callable[[str], None],
    comments: list[str],
    results: dict,
    env: dict[str, str],
) -> None:
    env = {
        **env,
        "COMMENT_RATE_PER_MINUTE": "1000000",
        "ACCOUNT_RATE_LIMIT_LOGIN": "100000/m/ip",
    }
    seeded = subprocess.run(
        [
            PYTHON,
            "-c",
            SEED,
            json.dumps(
                {
                    "slug": SLUG,
                    "headline": HEADLINE,
                    "body": BODY,
                    "posters": CONNECTIONS,
                    "comments": comments,
                }
            ),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    tokens = json.loads(seeded.stdout.strip().splitlines()[-1])["tokens"]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**env, "SITE_URL": base}
    header = f"(min / median / max of {args.runs} runs of {args.seconds} s, 32 connections)"

    if "servers" in parts:
        say(f"\n### The article page, Masthead alone, by server {header}\n")
        say("| server | requests/s | p50 ms | p99 ms |\n|---|---|---|---|")
        for name in SERVERS:
            with server(name, env, port):
                m = measure(base + ARTICLE, args.runs, args.seconds)
            results[f"server:{name}"] = m
            say(row(name, m))

    if parts & {"nginx", "api"}:
        with server(CHOSEN, env, port):
            with urllib.request.urlopen(base + ARTICLE) as response:  # noqa: S310
                page_html = response.read()
            if "nginx" in parts:
                say(f"\n### The article page behind nginx {header}\n")
                say("| target | requests/s | p50 ms | p99 ms |\n|---|---|---|---|")
                alone = measure(base + ARTICLE, args.runs, args.seconds)
                say(row(f"Masthead alone ({CHOSEN})", alone))
                var_dir = env["MASTHEAD_VAR_DIR"]
                static, media = f"{var_dir}/static", f"{var_dir}/media"
                with nginx(static, media, page_html, port) as (cache_port, static_port):
                    cached = measure(
                        f"http://127.0.0.1:{cache_port}{ARTICLE}", args.runs, args.seconds
                    )
                    ceiling = measure(
                        f"http://127.0.0.1:{static_port}/article.html", args.runs, args.seconds
                    )
                say(row("Masthead behind nginx's 1 s micro-cache", cached))
                say(row("nginx, the same page as a static file (the ceiling)", ceiling))
                results.update({"alone": alone, "microcache": cached, "ceiling": ceiling})
                ratio = statistics.median(cached["rps"]) / statistics.median(ceiling["rps"])
                say(f"\nmicro-cache / static file (medians): {ratio:.2f}")
            if "api" in parts:
                say(f"\n### The comment list as JSON (100 comments) {header}\n")
                say("| target | requests/s | p50 ms | p99 ms |\n|---|---|---|---|")
                api = measure(base + COMMENTS_API, args.runs, args.seconds)
                say(row("Masthead API (page cache on)", api))
                results["api"] = api
    if "api" in parts:
        # The page cache off, so that every request runs its queries (4 for this list).
        say(f"\n### Connection pooling: the comment list uncached {header}\n")
        say("| target | requests/s | p50 ms | p99 ms |\n|---|---|---|---|")
        for label, extra in [
            ("persistent connections (the default)", {}),
            ("psycopg pool (DATABASE_POOL=true)", {"DATABASE_POOL": "true"}),
            ("a connection per request", {"DATABASE_CONN_MAX_AGE": "0"}),
        ]:
            with server(CHOSEN, {**env, "PAGE_CACHE_SECONDS": "0", **extra}, port):
                m = measure(base + COMMENTS_API, args.runs, args.seconds)
            say(row(label, m))
            results[f"api:{label}"] = m

    if "posting" in parts or "memory" in parts:
        worker = [PYTHON, "manage.py", "db_worker"]
        with server(CHOSEN, env, port) as web_pid, serve(worker, env) as worker_pid:
            if "posting" in parts:
                count = [PYTHON, "-c", COUNT, SLUG]

                def stored() -> int:
                    done = subprocess.run(
                        count, cwd=ROOT, env=env, capture_output=True, text=True, check=True
                    )
                    return len(json.loads(done.stdout.strip().splitlines()[-1]))

                masthead_post_load(port, tokens, 1)  # warm-up; its comments count as before
                before = settle(stored)
                runs = posting_runs(
                    partial(masthead_post_load, port, tokens, args.seconds), stored, args.runs
                )
                say(
                    f"\n### Posting comments, wrk at 32 connections, {args.runs} runs of "
                    f"{args.seconds} s\n"
                )
                say("| target | posts/s | p50 ms | p99 ms | stored |\n|---|---|---|---|---|")
                for line in summarise_posting(
                    "Masthead (full standards review)", runs, stored(), before
                ):
                    say(line)
                results["posting"] = [
                    {k: v for k, v in r.items() if k != "acknowledged"} for r in runs
                ]
            if "memory" in parts:
                wrk(base + ARTICLE, seconds=2, connections=CONNECTIONS)
                web = [rss_mb(pid) for pid in children(web_pid)]
                say("\n### Resident memory after the runs\n")
                say(
                    f"- web processes ({CHOSEN}): "
                    + ", ".join(f"{mb:.0f} MB" for mb in web)
                    + f"; master {rss_mb(web_pid):.0f} MB"
                )
                say(f"- task worker (db_worker): {rss_mb(worker_pid):.0f} MB")


def isso_part(args, say, comments: list[str], results: dict) -> None:
    header = f"(min / median / max of {args.runs} runs of {args.seconds} s, 32 connections)"
    with isso_server() as port:
        path = f"/new?uri={ARTICLE}"
        for n, text in enumerate(comments):
            body, headers = isso_post(port, text, f"Poster {n % CONNECTIONS}")
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}{path}", data=body, headers=headers
            )
            urllib.request.urlopen(request).read()  # noqa: S310
        say(f"\n### Isso 0.14.0 (gunicorn gthread, 2 processes x 8 threads) {header}\n")
        say("| target | requests/s | p50 ms | p99 ms |\n|---|---|---|---|")
        listing = measure(
            f"http://127.0.0.1:{port}/?uri={ARTICLE}", args.runs, args.seconds, **PEER_WARMUP
        )
        say(row("Isso comment list (100 comments)", listing))
        results["isso:list"] = listing

        def make(n: int, i: int, rng: random.Random) -> tuple[bytes, dict[str, str]]:
            return isso_post(port, comment_text(rng, n * 100_000 + i), f"Poster {n}")

        def ack(status: int, payload: bytes, _response: object) -> int | None:
            return int(json.loads(payload)["id"]) if status in (200, 201, 202) else None

        wrk_posting(port, path, make, ack, 1)  # warm-up
        before = settle(partial(isso_count, port))
        runs = posting_runs(
            partial(wrk_posting, port, path, make, ack, args.seconds),
            partial(isso_count, port),
            args.runs,
        )
        say("\n| target | posts/s | p50 ms | p99 ms | stored |\n|---|---|---|---|---|")
        for line in summarise_posting("Isso (no review)", runs, isso_count(port), before):
            say(line)
        results["isso:posting"] = [
            {k: v for k, v in r.items() if k != "acknowledged"} for r in runs
        ]


def wordpress_part(args, say, comments: list[str], results: dict) -> None:
    from bench import wordpress as wp

    header = f"(min / median / max of {args.runs} runs of {args.seconds} s, 32 connections)"
    with wp.wordpress(HEADLINE, BODY, comments) as site:
        say(f"\n### WordPress (Debian package, php-fpm 8 children, opcache, nginx) {header}\n")
        say("| target | requests/s | p50 ms | p99 ms |\n|---|---|---|---|")
        # A WordPress page with 100 comments takes about 0.4 s even alone here: at 32
        # connections every answer came after wrk's default 2 s timeout, so none was counted.
        page = measure(site["page"], args.runs, args.seconds, timeout=30, **PEER_WARMUP)
        say(row("WordPress article page (100 comments)", page))
        results["wordpress:page"] = page

        def make(n: int, i: int, rng: random.Random) -> tuple[bytes, dict[str, str]]:
            return wp.post_form(site["post_id"], comment_text(rng, n * 100_000 + i), n)

        def ack(status: int, payload: bytes, response: Any) -> int | None:
            found = wp.COMMENT_ID.search(response.getheader("Location", "").encode())
            return int(found.group(1)) if status == 302 and found else None

        post = partial(wrk_posting, site["port"], "/wp-comments-post.php", make, ack)
        count = partial(wp.count_comments, site["post_id"])
        post(PEER_WARMUP["warmup"], timeout=30)
        before = settle(count)
        runs = posting_runs(partial(post, args.seconds, timeout=30), count, args.runs)
        say("\n| target | posts/s | p50 ms | p99 ms | stored |\n|---|---|---|---|---|")
        stored = wp.count_comments(site["post_id"])
        for line in summarise_posting("WordPress (no review)", runs, stored, before):
            say(line)
        results["wordpress:posting"] = [
            {k: v for k, v in r.items() if k != "acknowledged"} for r in runs
        ]


def ghost_part(args, say, comments: list[str], results: dict) -> None:
    from bench import ghost as gh

    header = f"(min / median / max of {args.runs} runs of {args.seconds} s, 32 connections)"
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    with gh.ghost(HEADLINE, BODY, comments, CONNECTIONS) as site:
        say(
            f"\n### Ghost {gh.GHOST_VERSION} (npm, node {node}, production mode, SQLite, "
            f"one process) {header}\n"
        )
        say("| target | requests/s | p50 ms | p99 ms |\n|---|---|---|---|")
        # Timeout as for WordPress: answers slower than wrk's default 2 s would count nowhere.
        page = measure(site["page"], args.runs, args.seconds, timeout=30, **PEER_WARMUP)
        say(row("Ghost article page (its comments are loaded by the browser from the API)", page))
        listing = measure(site["comments_api"], args.runs, args.seconds, timeout=30, **PEER_WARMUP)
        say(row("Ghost comments API, first page (limit 20, as its comments-ui asks)", listing))
        results.update({"ghost:page": page, "ghost:list": listing})
        cookies = site["cookies"]

        def make(n: int, i: int, rng: random.Random) -> tuple[bytes, dict[str, str]]:
            text = comment_text(rng, n * 100_000 + i)
            return gh.comment_request(site["post_id"], text, cookies[n % len(cookies)])

        def ack(status: int, payload: bytes, _response: object) -> str | None:
            return gh.comment_id(status, payload)

        post = partial(wrk_posting, site["port"], "/members/api/comments/", make, ack)
        count = partial(gh.count_comments, site["database"], site["post_id"])
        post(PEER_WARMUP["warmup"], timeout=30)
        before = settle(count)
        runs = posting_runs(partial(post, args.seconds, timeout=30), count, args.runs)
        say("\n| target | posts/s | p50 ms | p99 ms | stored |\n|---|---|---|---|---|")
        stored = gh.count_comments(site["database"], site["post_id"])
        for line in summarise_posting("Ghost (signed-in members, no review)", runs, stored, before):
            say(line)
        results["ghost:posting"] = [
            {k: v for k, v in r.items() if k != "acknowledged"} for r in runs
        ]
        memory = rss_mb(site["pid"])
        say(f"\n- Ghost's node process after the runs: {memory:.0f} MB resident")
        results["ghost:rss_mb"] = memory


def _median(results: dict, key: str, field: str) -> float | None:
    """The median of a figure across its runs, or None when the part did not run."""
    value = results.get(key)
    if isinstance(value, dict):
        return statistics.median(value[field])
    if isinstance(value, list) and value:
        return statistics.median(r[field] for r in value)
    return None


def summary(say: Callable[[str], None], results: dict) -> None:
    """Issue 9's ratios, from the medians of this run only."""
    alone = "alone" if "alone" in results else f"server:{CHOSEN}"
    comparisons = [
        ("article page: Masthead alone / Ghost", alone, "ghost:page", "rps", "at least 10"),
        ("article page: Masthead alone / WordPress", alone, "wordpress:page", "rps", ""),
        ("micro-cache / nginx static file", "microcache", "ceiling", "rps", "at least 0.5"),
        ("comment list: Masthead API / Isso", "api", "isso:list", "rps", "at least 10"),
        ("comment list: Masthead API / Ghost", "api", "ghost:list", "rps", ""),
        ("posting: Masthead / Isso", "posting", "isso:posting", "per_second", "at least 1"),
        ("posting: Masthead / Ghost", "posting", "ghost:posting", "per_second", "at least 3"),
        ("posting: Masthead / WordPress", "posting", "wordpress:posting", "per_second", ""),
    ]
    lines = []
    for label, ours, theirs, field, target in comparisons:
        a, b = _median(results, ours, field), _median(results, theirs, field)
        if a is None or b is None:
            continue
        ratio = f"{a / b:.2f}" if b else "no answer from the peer"
        lines.append(f"| {label} | {ratio} ({a:.1f} / {b:.1f}) | {target} |")
    p99 = _median(results, "posting", "p99")
    if p99 is not None:
        lines.append(
            f"| posting: Masthead p99 (median of the runs) | {p99:.0f} ms | under 100 ms |"
        )
    if lines:
        say("\n### Ratios of this run's medians (issue 9)\n")
        say("| comparison | ratio (medians) | target |\n|---|---|---|")
        for line in lines:
            say(line)


if __name__ == "__main__":
    main()
