"""The review: normalise, run every check, apply the policy, explain.

Pure Python: nothing here touches the database, the cache or the network. What varies by site
comes in as arguments: the policy (the publisher's rules), the store (recent comments, for
flooding and flash mobs) and the engine configuration (model, blocklist, allowed hosts).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from masthead.standards import classifier, lexicon
from masthead.standards.blocklist import BlocklistFile
from masthead.standards.catalogue import DEFAULT_POLICY, Action, Policy
from masthead.standards.checks import (
    MEMORY_SECONDS,
    Doc,
    EngineConfig,
    abuse,
    flashmob,
    flooding,
    formatting,
    harms,
    language,
    links,
    offtopic,
    personal_data,
    promotion,
    trolling,
)
from masthead.standards.normalise import normalise
from masthead.standards.store import NullStore, Store
from masthead.standards.verdict import Finding, ReviewContext, Verdict

SHIPPED_BLOCKLIST = Path(__file__).resolve().parent / "data" / "blocklist.txt"
MAX_EVIDENCE = 10
# A repeat offender's comment this close below a rule's threshold goes to a person.
BORDERLINE = 0.1
REPEAT_OFFENDER_REJECTIONS = 3

# The classifier runs first: later checks lean on its scores.
CHECKS: tuple[Callable[[Doc], list[Finding]], ...] = (
    abuse.check,
    harms.check,
    promotion.check,
    links.check,
    personal_data.check,
    trolling.check,
    language.check,
    formatting.check,
    offtopic.check,
    flooding.check,
    flashmob.check,
)

# Checks that look back at recent comments: each says what this comment adds to the store, and
# the engine reads and appends for all of them in one exchange (one round trip to Redis).
MEMORY: tuple[Callable[[Doc], dict[str, Any]], ...] = (flooding.memory, flashmob.memory)

_lock = threading.Lock()
_default_config: EngineConfig | None = None
_blocklist_file = BlocklistFile(SHIPPED_BLOCKLIST)


def default_config() -> EngineConfig:
    """The shipped model and blocklist, loaded once per process."""
    global _default_config
    if _default_config is None:
        with _lock:
            if _default_config is None:
                _default_config = EngineConfig(
                    model=classifier.get_model(), blocklist=_blocklist_file.get()
                )
    return _default_config


def version(config: EngineConfig) -> str:
    model = config.model.version if config.model is not None else "none"
    lists = ";".join(f"{k}={v}" for k, v in sorted(lexicon.versions().items()))
    return f"model={model} lexicons[{lists}]"


_versions: dict[int, str] = {}


def _decide(finding: Finding, policy: Policy, repeat_offender: bool) -> Finding | None:
    rule = policy.rules.get(finding.rule)
    if rule is None or not rule.enabled:
        return None
    if finding.score < rule.threshold:
        if repeat_offender and finding.score >= rule.threshold - BORDERLINE:
            return replace(
                finding,
                action=Action.HOLD,
                detail=f"{finding.detail}; borderline, from an author with earlier rejections",
            )
        return None
    action = rule.action
    # Uncertain cases go to people: a reject needs a confident score.
    if action is Action.REJECT and finding.score < max(policy.confident, rule.threshold):
        action = Action.HOLD
    # Whether a comment is on topic is a judgement call; it never removes a comment alone.
    if finding.rule == "off_topic" and action is Action.REJECT:
        action = Action.HOLD
    return replace(finding, action=action)


def _merge(findings: list[Finding]) -> list[Finding]:
    by_rule: dict[str, Finding] = {}
    for finding in findings:
        seen = by_rule.get(finding.rule)
        if seen is None:
            by_rule[finding.rule] = finding
            continue
        best, other = (finding, seen) if finding.score > seen.score else (seen, finding)
        evidence = (best.evidence + other.evidence)[:MAX_EVIDENCE]
        detail = f"{best.detail}; {other.detail}" if other.detail else best.detail
        by_rule[finding.rule] = replace(best, evidence=evidence, detail=detail)
    return list(by_rule.values())


def review(
    text: str,
    context: ReviewContext | None = None,
    *,
    policy: Policy | None = None,
    store: Store | None = None,
    config: EngineConfig | None = None,
) -> Verdict:
    """Review one comment. See the package docstring for the contract."""
    context = context or ReviewContext()
    policy = policy or DEFAULT_POLICY
    config = config or default_config()
    now = context.now or datetime.now(tz=UTC)
    doc = Doc(normalise(text), context, store or NullStore(), now, config)
    remember: dict[str, Any] = {}
    for wants in MEMORY:
        remember.update(wants(doc))
    if remember:
        stamp = now.timestamp()
        doc.recalled = doc.store.exchange(remember, stamp - MEMORY_SECONDS, stamp, MEMORY_SECONDS)
    raw: list[Finding] = []
    for check in CHECKS:
        raw.extend(check(doc))
    merged = _merge(raw)
    history = context.author_history
    repeat_offender = history is not None and history.rejected >= REPEAT_OFFENDER_REJECTIONS
    signals: dict[str, float] = {}
    fired: list[Finding] = []
    for finding in merged:
        rule = policy.rules.get(finding.rule)
        if rule is None or not rule.enabled:
            continue
        signals[finding.rule] = finding.score
        decided = _decide(finding, policy, repeat_offender)
        if decided is not None:
            fired.append(decided)
    fired.sort(key=lambda f: (-f.action.severity, -f.score))
    action = max((f.action for f in fired), key=lambda a: a.severity, default=Action.PUBLISH)
    key = id(config)
    if key not in _versions:
        _versions[key] = version(config)
    return Verdict(
        action=action,
        score=max(signals.values(), default=0.0),
        findings=tuple(fired),
        signals=signals,
        policy=policy,
        engine_version=_versions[key],
    )
