"""The community standards as readers see them: the rules in force, from the standards engine."""

from __future__ import annotations

from typing import Any


def rules_in_force() -> list[Any]:
    from masthead.standards import policy

    return [rule for rule in policy.current().rules.values() if rule.enabled]


def rule_choices() -> list[tuple[str, str]]:
    return [(rule.code, rule.title) for rule in rules_in_force()]


def rule_title(code: str) -> str:
    return dict(rule_choices()).get(code, code)
