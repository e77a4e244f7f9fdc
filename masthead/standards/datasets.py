"""Reading the public labelled sets in ``shared/datasets`` into one list of examples.

Each example carries a label only for the heads its source can speak for: a Davidson
"offensive" tweet says something about swearing and nothing about spam. The licences and roles
in each folder's README decide what may be used for what; kaggle-insults has no licence for
training, so it is only ever read by :func:`load_external` for evaluation.
"""

from __future__ import annotations

import csv
import hashlib
import html
import re
import sys
import warnings
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from masthead.standards.normalise import normalise

csv.field_size_limit(sys.maxsize)

CLEAN_SOURCES = frozenset(
    {"wikipedia-clean", "davidson-neither", "youtube-ham", "moderators-approved"}
)
# Training-only negatives without a rating of their own (see :func:`_wikipedia_parents`).
UNRATED_SOURCES = frozenset({"wikipedia-parent"})
_MENTION_RE = re.compile(r"(?:\bRT\s+)?@\w+:?")
_URL_RE = re.compile(r"https?://\S+")


@dataclass(slots=True)
class Example:
    text: str
    source: str
    labels: dict[str, int] = field(default_factory=dict)
    # How much the fits count this comment: a site's own decisions can be worth more than one
    # of the ~50,000 public comments they join (``train --decision-weight``).
    weight: float = 1.0

    @property
    def clean(self) -> bool:
        return self.source in CLEAN_SOURCES

    @property
    def key(self) -> str:
        return normalise(self.text).text.strip()

    @property
    def split(self) -> str:
        """A split fixed by the text itself, so repeated texts never straddle two splits."""
        bucket = int(hashlib.sha1(self.key.encode()).hexdigest()[:8], 16) % 10  # noqa: S324
        return "test" if bucket == 0 else "val" if bucket == 1 else "train"


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _civil(root: Path) -> Iterator[Example]:
    folder = root / "civil-toxic-spans" / "data"
    raters: dict[str, list[str]] = defaultdict(list)
    not_toxic: dict[str, int] = defaultdict(int)
    comment_of: dict[str, str] = {}
    for row in _rows(folder / "annotations.csv"):
        raters[row["comment_id"]].append(row["annotation"])
        comment_of[row["annotation"]] = row["comment_id"]
        not_toxic[row["comment_id"]] += row["not toxic"] == "True"
    types: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in _rows(folder / "spans.csv"):
        comment = comment_of.get(row["annotation"])
        if comment is not None:
            types[comment][row["type"]].add(row["annotation"])
    for row in _rows(folder / "comments.csv"):
        cid = row["comment_id"]
        total = len(raters.get(cid, ()))
        if not total:
            continue
        frac = {kind: len(who) / total for kind, who in types[cid].items()}
        insult = max(frac.get("Insult", 0.0), frac.get("Threat", 0.0))
        identity = frac.get("Identity based Attack", 0.0)
        profane = frac.get("Profane/Obscene", 0.0)
        if not_toxic[cid] / total > 0.5:
            labels = {"insults": 0, "hate": 0, "profanity": 0, "spam": 0}
            yield Example(row["comment_text"], "civil-borderline", labels)
            continue
        labels = {"spam": 0}
        if insult >= 0.5:
            labels["insults"] = 1
        if identity >= 0.5:
            labels["hate"] = 1
        elif identity == 0 and insult >= 0.5:
            labels["hate"] = 0
        if profane >= 0.5:
            labels["profanity"] = 1
        elif profane == 0 and insult >= 0.5:
            labels["profanity"] = 0
        yield Example(row["comment_text"], "civil-toxic", labels)


def _tweet(text: str) -> str:
    return _URL_RE.sub("", _MENTION_RE.sub("", html.unescape(text))).strip()


def _davidson(root: Path) -> Iterator[Example]:
    for row in _rows(root / "davidson-hate-offensive" / "labeled_data.csv"):
        kind = row["class"]
        text = _tweet(row["tweet"])
        if kind == "0":
            yield Example(text, "davidson-hate", {"hate": 1, "spam": 0})
        elif kind == "1":
            yield Example(text, "davidson-offensive", {"profanity": 1, "hate": 0, "spam": 0})
        else:
            yield Example(text, "davidson-neither", dict.fromkeys(HEADS, 0))


def _wikipedia(root: Path) -> Iterator[Example]:
    for row in _rows(root / "wikipedia-talk-context" / "gc.csv"):
        if row["label"] == "1":
            yield Example(row["text"], "wikipedia-toxic", {"insults": 1, "spam": 0})
        else:
            yield Example(row["text"], "wikipedia-clean", dict.fromkeys(HEADS, 0))


def _wikipedia_parents(root: Path) -> Iterator[Example]:
    """The comments the rated Wikipedia comments answered: ordinary discussion, unrated.

    Extra clean negatives for training only (almost all talk-page comments are civil; the
    rare rude one costs less than the missing variety of ordinary debate). They never enter
    the validation or test splits, so the figures stay measured on rated comments alone.
    """
    for row in _rows(root / "wikipedia-talk-context" / "gc.csv"):
        example = Example(row["parent"], "wikipedia-parent", dict.fromkeys(HEADS, 0))
        if example.text.strip() and example.split == "train":
            yield example


def _youtube(root: Path) -> Iterator[Example]:
    for path in sorted((root / "youtube-spam").glob("Youtube0*.csv")):
        for row in _rows(path):
            if row["label"] == "1":
                labels = {"spam": 1, "insults": 0, "hate": 0}
                yield Example(row["CONTENT"], "youtube-spam", labels)
            else:
                yield Example(row["CONTENT"], "youtube-ham", dict.fromkeys(HEADS, 0))


HEADS = ("insults", "hate", "profanity", "spam")


def load_training(root: Path) -> list[Example]:
    """Every trainable example, deduplicated on the normalised text across all sources.

    Unrated extra negatives (:data:`UNRATED_SOURCES`) come last and never override a rated
    text's labels.
    """
    merged: dict[str, Example] = {}
    for reader in (_civil, _davidson, _wikipedia, _youtube, _wikipedia_parents):
        for example in reader(root):
            if not example.text.strip():
                continue
            key = example.key
            seen = merged.get(key)
            if seen is None:
                merged[key] = example
                continue
            if example.source in UNRATED_SOURCES:
                continue
            for head, value in example.labels.items():
                seen.labels[head] = max(seen.labels.get(head, 0), value)
    return list(merged.values())


def _kaggle_text(raw: str) -> str:
    # The file escapes twice: a newline is stored as a backslash, a backslash and an n.
    text = raw.strip().strip('"').replace("\\\\", "\\")
    try:
        # The file also holds escapes Python does not know ("\/", "\p"): they are kept as
        # written, and the decoder's warning about each would only be noise in every run.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            return (
                text.encode("latin-1", "backslashreplace")
                .decode("unicode_escape")
                .encode("latin-1", "replace")
                .decode("utf-8", "replace")
            )
    except UnicodeDecodeError:
        return text


def load_external(root: Path) -> list[Example]:
    """kaggle-insults, evaluation only: its licence does not allow training."""
    path = root / "kaggle-insults" / "test_with_solutions.csv"
    if not path.exists():
        return []
    return [
        Example(_kaggle_text(row["Comment"]), "kaggle-insults", {"insults": int(row["Insult"])})
        for row in _rows(path)
    ]


def from_decisions(rows: Iterable[dict[str, Any]], weight: float = 1.0) -> list[Example]:
    """The site's own moderators' decisions as examples: {"text", "label": "clean" | rule code}.

    An approved comment is clean for every head; a rejection teaches the head of the rule's
    family (the rule codes the classifier heads are named after). Rejections under other rules
    (off-topic, language, ...) say nothing about these heads and are left out.
    """
    examples = []
    for row in rows:
        text, label = row.get("text"), row.get("label")
        if not isinstance(text, str) or not text.strip() or not isinstance(label, str):
            continue
        if label == "clean":
            examples.append(Example(text, "moderators-approved", dict.fromkeys(HEADS, 0), weight))
        elif label in HEADS:
            examples.append(Example(text, "moderators-rejected", {label: 1}, weight))
    return examples


# A group named in an abusive line makes it a lesson for the hate head; otherwise the insults
# head ("insults and threats" is one rule). Rough, but the hand-written lines carry no rule.
_GROUP_WORDS = re.compile(
    r"\b(?:muslims?|jews?|jewish|islam|mosques?|immigrants?|migrants?|refugees?|asylum|roma|"
    r"gypsies|travellers?|blacks?|whites?|asians?|africans?|chinese|indians?|pakistanis?|poles|"
    r"polish|romanians?|arabs?|gays?|lesbians?|trans|women|men|disabled|deaf|blind|autistic|"
    r"religion|race|their kind|foreigners|catholics?|christians?|hindus?|sikhs?|feminists?|"
    r"lgbt\w*|queers?|homosexuals?|their culture|these people|those people|that lot|the poor|"
    r"benefits?|scroungers)\b",
    re.IGNORECASE,
)
# Breaches: the seen abuse set, and lines written only to be trained on; clean: ordinary debate
# and its training lines. The unseen set is never among them.
HOUSE_ABUSE = ("novel_abuse.txt", "training_abuse.txt")
HOUSE_ORDINARY = ("ordinary_debate.txt", "training_ordinary.txt")


# Groups named in neutral sentences, taught as clean (Dixon et al., "Measuring and Mitigating
# Unintended Bias in Text Classification", 2018): the public sets name most groups mostly in
# hate (Davidson's tweets), so the heads learned the names themselves as hostile and held
# "Muslims and Christians ... share a community garden". Each group in every sentence, so a
# name alone carries no weight; what is said of the group still does.
IDENTITY_GROUPS = (
    "Muslims", "Jews", "Christians", "Hindus", "Sikhs", "Buddhists", "atheists", "Catholics",
    "Black people", "white people", "Asian people", "Arabs", "Africans", "Chinese people",
    "Indians", "Pakistanis", "Poles", "Romanians", "Roma families", "Travellers", "immigrants",
    "migrants", "refugees", "asylum seekers", "international students", "gay men", "lesbians",
    "bisexual people", "trans people", "women", "men", "disabled people", "deaf people",
    "blind people", "autistic people", "wheelchair users", "older people", "pensioners",
    "teenagers", "homeless people", "people on benefits", "Mexicans", "Irish people", "Somalis",
    "Nigerians",
)  # fmt: skip
IDENTITY_TEMPLATES = (
    "{g} organised a vigil after the fire on Sunday.",
    "{g} in our area run the allotment association.",
    "The census counted more {g} in the city than ten years ago.",
    "I work with {g} and they are good colleagues.",
    "The council met {g} to talk about the new bus routes.",
    "{g} have lived in this town for generations.",
    "The report says {g} wait longer for hospital appointments.",
    "A charity set up by {g} opened a food bank on the high street.",
    "Several {g} spoke at the meeting about housing costs.",
    "My neighbours are {g} and they helped us after the flood.",
    "The survey asked {g} what they thought of the new park.",
    "{g} are among the volunteers cleaning the beach this weekend.",
    "The school welcomed {g} to its open day.",
    "Discrimination against {g} in hiring is still too common, the tribunal heard.",
    "The festival was organised by {g} and everyone was invited.",
)


def identity_balance() -> list[dict[str, str]]:
    """Every group in every neutral template, as clean decisions."""
    rows = []
    for group in IDENTITY_GROUPS:
        for template in IDENTITY_TEMPLATES:
            text = template.format(g=group)
            rows.append({"text": text[0].upper() + text[1:], "label": "clean"})
    return rows


def set_lines(path: Path) -> list[str]:
    """The comments of a hand-written set: one a line, without header lines or the marks
    ("  # held: why", "  # missed: why") that note a known miss."""
    return [
        without_mark(line)
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


def without_mark(line: str) -> str:
    """A hand-written line without the mark ("  # held: why") that notes a known miss."""
    return line.partition("  # held:")[0].partition("  # missed:")[0]


def house_decisions(folder: Path) -> list[dict[str, str]]:
    """Our own hand-written sets as decisions: every line of the seen abuse set and of the
    abusive training lines breaks a rule, every line of ordinary debate and of the ordinary
    training lines is clean (``manage.py standards train --with-house-sets``).

    The public sets teach abuse as tweets and Wikipedia talk write it; these lines teach it, and
    heated-but-civil debate, as news comments write them. The unseen set is never read: it stays
    a yardstick.
    """

    def lines(names: tuple[str, ...]) -> list[str]:
        return [
            line for name in names if (folder / name).exists() for line in set_lines(folder / name)
        ]

    rows = [
        {"text": text, "label": "hate" if _GROUP_WORDS.search(text) else "insults"}
        for text in lines(HOUSE_ABUSE)
    ]
    rows += [{"text": text, "label": "clean"} for text in lines(HOUSE_ORDINARY)]
    return rows


def with_decisions(examples: list[Example], decisions: list[Example]) -> list[Example]:
    """The public sets plus the decisions; on the same text, the moderators' labels win."""
    merged = {e.key: e for e in examples}
    for decision in decisions:
        merged[decision.key] = decision
    return list(merged.values())
