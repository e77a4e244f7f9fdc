"""The rule catalogue: every community standard the engine enforces, in our own words.

Each rule has a stable ``code`` (stored on comments and in moderator decisions, so never
rename one), a title, the explanation a commenter reads when the rule stops their comment, a
default action and a default threshold: the score at which a check's finding counts as a
breach. Publishers override title, explanation, action, threshold and on/off per rule through
the ``RuleSetting`` model; the engine itself only ever sees a plain :class:`Policy`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace


class Action(enum.StrEnum):
    """What happens to a comment. Ordered by severity, so ``max`` picks the strictest."""

    PUBLISH = "publish"
    HOLD = "hold"
    REJECT = "reject"

    @property
    def label(self) -> str:
        return {"publish": "Publish", "hold": "Hold for a moderator", "reject": "Reject"}[
            self.value
        ]

    @property
    def severity(self) -> int:
        return {"publish": 0, "hold": 1, "reject": 2}[self.value]

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(member.value, member.label) for member in cls]


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    title: str
    explanation: str
    action: Action
    threshold: float = 0.5
    enabled: bool = True


# The order is the order a moderator reads them in, most serious harms first.
CATALOGUE: tuple[Rule, ...] = (
    Rule(
        "harm_to_minors",
        "Harm to children",
        "Comments must never sexualise, endanger or demean children, or point others to "
        "material that does.",
        Action.REJECT,
        0.5,
    ),
    Rule(
        "extremism",
        "Extremism and calls to break the law",
        "We do not publish support for terrorist or violent extremist groups, or calls on "
        "others to commit crimes.",
        Action.REJECT,
        0.5,
    ),
    Rule(
        "hate",
        "Hatred and discrimination",
        "Attacking people for their race, ethnicity, religion, sex, sexuality, disability or "
        "social group is not allowed, and neither is denying minorities their rights.",
        Action.REJECT,
        0.5,
    ),
    Rule(
        "insults",
        "Insults and threats",
        "Argue with ideas, not with people: no insults, threats or attempts to damage the "
        "reputation of other readers, named individuals or organisations.",
        Action.REJECT,
        0.5,
    ),
    Rule(
        "suicide",
        "Suicide and self-harm",
        "We remove descriptions of ways to end one's life and any push towards self-harm. If "
        "you are struggling, please reach out to a local helpline.",
        Action.REJECT,
        0.5,
    ),
    Rule(
        "violence",
        "Violence and cruelty to animals",
        "Graphic descriptions of violence, or of cruelty to animals, do not belong here.",
        Action.REJECT,
        0.5,
    ),
    Rule(
        "narcotics",
        "Drugs",
        "Do not promote illegal drugs or explain how to make, buy or take them.",
        Action.REJECT,
        0.5,
    ),
    Rule(
        "malware",
        "Dangerous links",
        "Your comment links to an address known to spread viruses or other malicious software.",
        Action.REJECT,
        0.5,
    ),
    Rule(
        "personal_data",
        "Other people's personal data",
        "Please do not publish anyone's contact details, card or bank numbers, home address or "
        "private correspondence without their consent.",
        Action.REJECT,
        0.5,
    ),
    Rule(
        "profanity",
        "Swearing",
        "Keep the language clean: swear words are not allowed, including disguised, "
        "abbreviated or hinted ones.",
        Action.REJECT,
        0.5,
    ),
    Rule(
        "spam",
        "Spam and get-rich-quick schemes",
        "Spam, offers of bulk mailing and promises of easy money are removed.",
        Action.REJECT,
        0.5,
    ),
    Rule(
        "commercial",
        "Advertising and outside links",
        "Comments are for discussion, not for advertising, political advertisements or links "
        "to other sites selling something. A moderator will look at this one.",
        Action.HOLD,
        0.5,
    ),
    Rule(
        "promotion",
        "Unauthorised promotion",
        "Promoting a product, service or channel needs the publisher's agreement.",
        Action.HOLD,
        0.5,
    ),
    Rule(
        "disrespect_site",
        "Disrespect to the site",
        "Criticism of our journalism is welcome; insults aimed at the publication are not.",
        Action.HOLD,
        0.5,
    ),
    Rule(
        "trolling",
        "Trolling",
        "Baiting, mocking or humiliating other people in the discussion is not allowed.",
        Action.HOLD,
        0.6,
    ),
    Rule(
        "flash_mob",
        "Coordinated posting",
        "Many accounts have posted the same or nearly the same text. Coordinated campaigns are "
        "held for a moderator.",
        Action.HOLD,
        0.7,
    ),
    Rule(
        "flooding",
        "Flooding",
        "You are posting a lot of messages in a short time, or the same message again. Please "
        "slow down and keep to the subject.",
        Action.HOLD,
        0.6,
    ),
    Rule(
        "off_topic",
        "Off topic",
        "Comments should be about the story they are posted under. A moderator will check this "
        "one.",
        Action.HOLD,
        0.8,
    ),
    Rule(
        "language",
        "Site language",
        "Please write in the language of this site so that everyone can follow the discussion.",
        Action.REJECT,
        0.9,
    ),
    Rule(
        "formatting",
        "Capitals and sentences",
        "Please write in ordinary sentences: no text mostly in capital letters, and break long "
        "text into sentences.",
        Action.HOLD,
        0.6,
    ),
)

RULE_CODES: frozenset[str] = frozenset(rule.code for rule in CATALOGUE)


@dataclass(frozen=True, slots=True)
class Policy:
    """The rules in force for one site: the catalogue with the publisher's overrides applied."""

    rules: dict[str, Rule] = field(default_factory=lambda: {r.code: r for r in CATALOGUE})
    # A finding for a REJECT rule below this score is held instead: uncertain cases go to people.
    confident: float = 0.85

    def rule(self, code: str) -> Rule:
        try:
            return self.rules[code]
        except KeyError:
            raise KeyError(f"{code!r} is not a rule in the catalogue") from None

    def with_override(self, code: str, **changes: object) -> Policy:
        rules = dict(self.rules)
        rules[code] = replace(self.rule(code), **changes)  # type: ignore[arg-type]
        return Policy(rules=rules, confident=self.confident)


DEFAULT_POLICY = Policy()
