"""The demo article page at 32 connections beside a static file from the same server.

Production settings: PostgreSQL, Redis, DEBUG off, gunicorn (2 workers x 4 threads on this
2-core machine), whitenoise serving the static file. wrk runs 2 threads, 32 connections, on
loopback, bounded in time. Each target is measured three times; min / median / max are printed.

    .venv/bin/python bench/article_page.py [--seconds 10] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import demo_site, gunicorn, spread, wrk

ARTICLE = "/articles/russia-offers-us-covid-cooperation-and-vaccine/"
STATIC = "/static/masthead/site.css"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    results: dict[str, list[dict[str, float]]] = {"article": [], "static": []}
    with demo_site() as env, gunicorn(env) as base:
        wrk(base + ARTICLE, seconds=2)  # warm the caches and the workers
        for _ in range(args.runs):
            results["article"].append(wrk(base + ARTICLE, seconds=args.seconds))
            results["static"].append(wrk(base + STATIC, seconds=args.seconds))
    print(
        "| target | requests/s | p50 ms | p99 ms |  (min / median / max of "
        f"{args.runs} runs, {args.seconds} s each, 32 connections)"
    )
    print("|---|---|---|---|")
    for name, runs in results.items():
        print(
            f"| {name} | {spread([r['rps'] for r in runs])} | "
            f"{spread([r['p50'] for r in runs])} | {spread([r['p99'] for r in runs])} |"
        )
    Path(__file__).with_name("results").mkdir(exist_ok=True)
    Path(__file__).with_name("results").joinpath("article_page.json").write_text(
        json.dumps(results, indent=2)
    )


if __name__ == "__main__":
    main()
