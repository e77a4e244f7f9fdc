"""``manage.py standards evaluate``: the figures, on splits the model never trained on.

Reported per rule family and model: ROC AUC, recall and the false-positive rate on clean
comments at the publishing threshold (0.5). Models: the shipped linear model, a gradient-boosted
model trained on the same features for comparison, and the ``alt-profanity-check`` package.
Then the whole engine (every check, default policy) on the held-out comments of each source.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np

from masthead.standards import classifier, training
from masthead.standards.catalogue import Action
from masthead.standards.checks import EngineConfig
from masthead.standards.datasets import HEADS, Example, with_decisions
from masthead.standards.engine import review
from masthead.standards.verdict import ReviewContext


def _results(
    model: str, scores: np.ndarray, splits: dict[str, Sequence[Example]], offsets: dict[str, slice]
) -> list[training.HeadResult]:
    out = []
    for split, examples in splits.items():
        part = scores[offsets[split]]
        for h, head in enumerate(HEADS):
            result = training.evaluate_scores(model, head, split, examples, part[:, h], 0.5)
            if result is not None:
                out.append(result)
    return out


def engine_rows(examples: Sequence[Example], config: EngineConfig) -> list[dict[str, object]]:
    by_source: dict[str, list[Example]] = {}
    for example in examples:
        by_source.setdefault(example.source, []).append(example)
    rows: list[dict[str, object]] = []
    for source, items in sorted(by_source.items()):
        actions: Counter[str] = Counter()
        rules: Counter[str] = Counter()
        for example in items:
            verdict = review(example.text, ReviewContext(), config=config)
            actions[verdict.action.value] += 1
            rules.update(f.rule for f in verdict.findings)
        n = len(items)
        rows.append(
            {
                "source": source,
                "n": n,
                "published": f"{actions[Action.PUBLISH.value] / n:.1%}",
                "held": f"{actions[Action.HOLD.value] / n:.1%}",
                "rejected": f"{actions[Action.REJECT.value] / n:.1%}",
                "top rules": ", ".join(f"{r} {c}" for r, c in rules.most_common(4)),
            }
        )
    return rows


def clean_not_published(
    examples: Sequence[Example], config: EngineConfig
) -> tuple[int, int, Counter[str]]:
    """How many comments labelled clean the whole engine does not publish, and under which rules."""
    clean = [e for e in examples if e.clean]
    stopped = 0
    rules: Counter[str] = Counter()
    for example in clean:
        verdict = review(example.text, ReviewContext(), config=config)
        if verdict.action is not Action.PUBLISH:
            stopped += 1
            rules.update({f.rule for f in verdict.findings})
    return stopped, len(clean), rules


def run(
    root: Path,
    *,
    model_path: Path,
    report: Path | None,
    json_path: Path | None,
    compare: bool,
    peer: bool,
    log: Callable[[str], None] = print,
    decisions: Sequence[Example] = (),
    baseline: Path | None = None,
) -> dict[str, Any]:
    examples, external = training.load_all(root)
    if decisions:
        examples = with_decisions(examples, list(decisions))
    test = [e for e in examples if e.split == "test"]
    no_davidson = [e for e in test if not e.source.startswith("davidson")]
    splits: dict[str, Sequence[Example]] = {"test": test, "test without davidson": no_davidson}
    if decisions:
        splits["moderator decisions (test)"] = [
            e for e in test if e.source.startswith("moderators-")
        ]
    if external:
        splits["kaggle-insults (external)"] = external
    everything = [e for part in splits.values() for e in part]
    offsets: dict[str, slice] = {}
    start = 0
    for name, part in splits.items():
        offsets[name] = slice(start, start + len(part))
        start += len(part)

    started = time.perf_counter()
    model = classifier.load(model_path)
    load_seconds = time.perf_counter() - started
    started = time.perf_counter()
    ours = training.score_with_model(model, everything)
    per_second = len(everything) / (time.perf_counter() - started)
    results = _results("linear (shipped)", ours, splits, offsets)
    if baseline is not None:
        # "Before": another model file on exactly the same held-out examples.
        before = training.score_with_model(classifier.load(baseline), everything)
        results = _results("linear (before)", before, splits, offsets) + results
    notes = [
        f"model {model.version}, {len(model.index):,} features, "
        f"{model_path.stat().st_size:,} bytes, loaded in {load_seconds:.2f}s; "
        f"classifier alone {per_second:,.0f} comments/s",
        f"held-out test split: {len(test):,} comments; clean = "
        "wikipedia-talk non-toxic, davidson 'neither', youtube ham",
        "kaggle-insults is evaluation-only (no licence to train); its 'not insult' class "
        "includes swearing and insults aimed at public figures",
    ]
    if compare:
        log("training the gradient-boosted comparison (a few minutes)...")
        gbm_parts = training.gbm_scores(examples, list(splits.values()), log)
        results += _results("gradient boosting", np.vstack(gbm_parts), splits, offsets)
    if peer:
        peer_scores = training.peer_scores(everything)
        if peer_scores is None:
            notes.append("alt-profanity-check is not installed (pip install -e '.[bench]')")
        else:
            results += _results("alt-profanity-check", peer_scores, splits, offsets)
            notes.append(
                "alt-profanity-check was partly trained on Davidson: read its figures on "
                "'test without davidson'; it has one score, compared against every family"
            )
    config = EngineConfig(model=model)
    log("running the whole engine over the held-out comments...")
    engine = engine_rows(test, config)
    stopped, n_clean, stopped_rules = clean_not_published(test, config)
    notes.append(
        f"whole engine on the {n_clean:,} clean test comments: {stopped / max(n_clean, 1):.1%} "
        f"not published ({stopped}); rules: "
        + ", ".join(f"{rule} {count}" for rule, count in stopped_rules.most_common())
    )
    for result in results:
        log(
            f"{result.model:22} {result.split:26} {result.head:10} AUC {result.auc:.3f} "
            f"FPR(clean) {result.fpr_clean:.2%} recall {result.tpr:.1%}"
        )
    for row in engine:
        log(json.dumps(row))
    figures = {
        "notes": notes,
        "results": [{k: v for k, v in asdict(r).items() if k != "curve"} for r in results],
        "engine": engine,
    }
    if json_path is not None:
        json_path.write_text(json.dumps(figures, indent=2))
    if report is not None:
        from masthead.standards.report import render

        report.write_text(render(results, notes, engine), encoding="utf-8")
        log(f"report written to {report}")
    return figures
