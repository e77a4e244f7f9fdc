"""CPU time of the web process per post, in one process, without a server or a network client.

Posts go through Django's WSGI handler to the JSON API (token auth, the full standards review)
against PostgreSQL and Redis, one after another, and the process's CPU time is divided by the
posts. This isolates the web process's own cost from the server's threads and the load
generator; timings vary with the machine's load, so compare runs made side by side.

    .venv/bin/python bench/posting_cpu.py [--posts 400] [--runs 2] [--profile out.prof]

With --profile, the measured posts of the last run run under cProfile (slower; read the file
with `python -m pstats`), to see where the time goes rather than how much there is.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import demo_site
from bench.discussion import SEED, WORDS, make_article, run_script

LOOP = r"""
import io, json, os, random, sys, time, uuid
import gc
spec = json.loads(sys.argv[1])
# The application as granian loads it: set up, the engine warmed, what it loaded frozen.
from masthead.wsgi import application as app
collections = {"ms": 0.0, "full": [], "started": 0.0}

def count_collections(phase, info):
    # The collector stops every thread of the process: its passes are latency for all.
    if phase == "start":
        collections["started"] = time.perf_counter()
        return
    spent = (time.perf_counter() - collections["started"]) * 1000
    collections["ms"] += spent
    if info["generation"] == 2:
        collections["full"].append(round(spent, 1))
rng = random.Random(1)

def post(i):
    text = " ".join(rng.choice(spec["words"]) for _ in range(rng.randint(8, 30))).capitalize()
    body = json.dumps({"text": f"{text}. Post {i}.", "idempotency_key": uuid.uuid4().hex}).encode()
    environ = {
        "REQUEST_METHOD": "POST", "PATH_INFO": f"/api/articles/{spec['slug']}/comments",
        "QUERY_STRING": "", "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "8765",
        "HTTP_HOST": "127.0.0.1", "wsgi.url_scheme": "http", "SERVER_PROTOCOL": "HTTP/1.1",
        "CONTENT_TYPE": "application/json", "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body), "wsgi.errors": sys.stderr,
        "HTTP_AUTHORIZATION": f"Bearer {spec['tokens'][i % len(spec['tokens'])]}",
    }
    status = []
    b"".join(app(environ, lambda s, h, e=None: status.append(s)))
    assert status[0][:3] in ("200", "201", "422"), status

for i in range(30):  # first requests: URL conf, compiled queries, loaded scripts
    post(i)
profiler = None
if spec.get("profile"):
    import cProfile
    profiler = cProfile.Profile(time.process_time)  # CPU, not waits on the database
    profiler.enable()
from django.db import connection

def backend():
    # The PostgreSQL process serving this connection, and its CPU time so far (user + system).
    if connection.vendor != "postgresql":
        return None, 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return pid, (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

gc.callbacks.append(count_collections)
db_pid, db_cpu = backend()
cpu, wall = time.process_time(), time.perf_counter()
for i in range(spec["posts"]):
    post(i)
cpu_ms = (time.process_time() - cpu) / spec["posts"] * 1000
wall_ms = (time.perf_counter() - wall) / spec["posts"] * 1000
db_pid_after, db_cpu_after = backend()
db_ms = (db_cpu_after - db_cpu) / spec["posts"] * 1000 if db_pid_after == db_pid else None
if profiler:
    profiler.disable()
    profiler.dump_stats(spec["profile"])
gc.callbacks.remove(count_collections)
print(json.dumps({"cpu_ms": cpu_ms, "db_ms": db_ms,
                  "gc_ms": collections["ms"] / spec["posts"], "full_gc_ms": collections["full"],
                  "wall_ms": wall_ms}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=400)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--profile", help="write a cProfile of the last run's posts here")
    args = parser.parse_args()
    with demo_site() as env:
        env = {**env, "COMMENT_RATE_PER_MINUTE": "1000000", "PAGE_CACHE_SECONDS": "0"}
        make_article(env, "cpu-per-post")
        tokens = run_script(env, SEED, {"slug": "cpu-per-post", "comments": 0, "posters": 16})
        spec = {"slug": "cpu-per-post", "posts": args.posts, "words": WORDS, **tokens}
        for run in range(1, args.runs + 1):
            if args.profile and run == args.runs:
                spec["profile"] = str(Path(args.profile).resolve())
            out = run_script(env, LOOP, spec)
            print(
                f"run {run}: {args.posts} posts, web process CPU {out['cpu_ms']:.2f} ms per post,"
                + (
                    f" its PostgreSQL backend {out['db_ms']:.2f} ms,"
                    if out.get("db_ms") is not None
                    else ""
                )
                + f" wall {out['wall_ms']:.2f} ms per post (one at a time), garbage collector"
                f" {out['gc_ms']:.3f} ms per post, full collections {out['full_gc_ms']} ms"
            )


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
