"""What the engine hands back: the verdict, its findings and the evidence behind each."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from masthead.standards.catalogue import Action, Policy


@dataclass(frozen=True, slots=True)
class AuthorHistory:
    """What the calling app knows about the author; the engine keeps no accounts of its own."""

    published: int = 0
    held: int = 0
    rejected: int = 0
    blocked_before: bool = False

    @property
    def reject_rate(self) -> float:
        total = self.published + self.held + self.rejected
        return self.rejected / total if total else 0.0


@dataclass(frozen=True, slots=True)
class ReviewContext:
    article_title: str = ""
    article_text: str = ""
    author_id: str | None = None
    author_history: AuthorHistory | None = None
    site_name: str = ""
    site_language: str = "en"
    is_reply: bool = False
    now: datetime | None = None


@dataclass(frozen=True, slots=True)
class Evidence:
    """A span ``[start, end)`` of the ORIGINAL comment text, or a link found in it."""

    start: int
    end: int
    text: str
    link: str | None = None

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"start": self.start, "end": self.end, "text": self.text}
        if self.link is not None:
            data["link"] = self.link
        return data


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    score: float
    evidence: tuple[Evidence, ...] = ()
    detail: str = ""
    action: Action = Action.HOLD

    def as_dict(self, policy: Policy | None = None) -> dict[str, Any]:
        data: dict[str, Any] = {
            "rule": self.rule,
            "score": round(self.score, 4),
            "action": self.action.value,
            "detail": self.detail,
            "evidence": [item.as_dict() for item in self.evidence],
        }
        if policy is not None:
            data["title"] = policy.rule(self.rule).title
        return data


@dataclass(frozen=True, slots=True)
class Verdict:
    action: Action
    score: float
    findings: tuple[Finding, ...] = ()
    # Every check's raw score, including those below their threshold, for moderators.
    signals: dict[str, float] = field(default_factory=dict)
    policy: Policy = field(default_factory=Policy, repr=False, compare=False)
    engine_version: str = ""

    @property
    def rules(self) -> list[str]:
        return [finding.rule for finding in self.findings]

    def explanation_for_author(self) -> str:
        """Plain words for the commenter: what happens and which rules, in the publisher's text."""
        if self.action is Action.PUBLISH:
            return ""
        deciding = [f for f in self.findings if f.action is self.action] or list(self.findings)
        lines = []
        seen: set[str] = set()
        for finding in deciding:
            if finding.rule in seen:
                continue
            seen.add(finding.rule)
            rule = self.policy.rule(finding.rule)
            lines.append(f"{rule.title}: {rule.explanation}")
        if self.action is Action.REJECT:
            opening = "Your comment was not published because it breaks our community standards."
        else:
            opening = (
                "Your comment is waiting for a moderator, because it may break our community "
                "standards."
            )
        return "\n".join([opening, *lines])

    def as_dict(self) -> dict[str, Any]:
        """Everything a moderator needs, JSON-serialisable so it can be stored on the comment."""
        return {
            "action": self.action.value,
            "score": round(self.score, 4),
            "findings": [finding.as_dict(self.policy) for finding in self.findings],
            "signals": {name: round(value, 4) for name, value in sorted(self.signals.items())},
            "explanation": self.explanation_for_author(),
            "engine_version": self.engine_version,
        }
