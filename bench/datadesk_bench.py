"""Data desk benchmark: a full JHU-sized refresh, a no-change refresh, and widget renders.

    DEBUG=true .venv/bin/python bench/datadesk_bench.py [--days 1143] [--rows 289]

Generates synthetic files in JHU's exact wide format (1,143 days from 22 January 2020 to
9 March 2023, 289 rows, 87 of them provinces, 202 countries), then times the real
command path against a throwaway database. Set DATABASE_URL to measure PostgreSQL.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def generate(directory: Path, days: int, rows: int) -> None:
    from datadesk.conftest import write_jhu

    rng = random.Random(8)
    countries = max(rows * 7 // 10, 1)
    table = []
    for index in range(rows):
        country = f"Country {index % countries:03d}"
        province = f"Province {index}" if index >= countries else ""
        table.append((province, country))
    series: dict[str, list[tuple[str, str, list[int]]]] = {}
    for metric, scale in (("confirmed", 3000), ("deaths", 40), ("recovered", 2500)):
        out = []
        for province, country in table:
            total, values = 0, []
            for day in range(days):
                total += rng.randrange(scale)
                # Recoveries stop being counted after day 560 (early August 2021), as in JHU.
                values.append(0 if metric == "recovered" and day > 560 else total)
            out.append((province, country, values))
        series[metric] = out
    write_jhu(
        directory, date(2020, 1, 22), series["confirmed"], series["deaths"], series["recovered"]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=1143)
    parser.add_argument("--rows", type=int, default=289)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="datadesk-bench-"))
    os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("MASTHEAD_VAR_DIR", str(workdir / "var"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.template import Context, Template
    from django.test.utils import CaptureQueriesContext

    from masthead.datadesk import services
    from masthead.datadesk.models import DataPoint, RunTrigger

    call_command("migrate", verbosity=0)
    files = workdir / "jhu"
    started = time.perf_counter()
    generate(files, args.days, args.rows)
    elapsed = time.perf_counter() - started
    print(f"generated {args.days} days x {args.rows} rows x 3 files in {elapsed:.1f}s")
    print(f"database: {connection.vendor}")

    for label in ("first refresh (empty database)", "second refresh (nothing changed)"):
        started = time.perf_counter()
        run = services.refresh("jhu", trigger=RunTrigger.COMMAND, from_dir=files)
        elapsed = time.perf_counter() - started
        print(f"{label}: {elapsed:.2f}s, {run.points_written:,} values written ({run.status})")
    print(f"points stored: {DataPoint.objects.count():,}")

    from django.core.cache import cache

    template = Template("{% load datadesk %}{% covid_widget day %}")
    days = [date(2020, 12, 3), date(2021, 6, 1), None]
    repeats = 200
    timings = {}
    for label, clear in (("uncached", True), ("cached", False)):
        template.render(Context({"day": days[0]}))
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            for index in range(repeats):
                if clear:
                    cache.clear()
                template.render(Context({"day": days[index % len(days)]}))
        timings[label] = (time.perf_counter() - started) / repeats * 1000
        per_render = len(queries) / repeats
        print(f"widget render, {label}: {timings[label]:.3f} ms, {per_render:.1f} queries each")


if __name__ == "__main__":
    main()
