"""Moderators' decisions become labelled examples for `standards train --with-decisions`."""

# The word vectors need the sentence encoder installed (standards README, "Retraining"); these
# tests are about the decisions, so they train n-grams only.

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from masthead.moderation import services
from masthead.moderation.learning import decision_examples, export_jsonl
from masthead.standards.datasets import HEADS, Example, from_decisions, with_decisions

from .conftest import held

pytestmark = pytest.mark.django_db


def test_approved_is_clean_and_rejected_carries_its_rule(moderator, story, reader):
    services.decide(moderator, held(story, reader, "A calm remark."), "approve")
    services.decide(moderator, held(story, reader, "You utter clown."), "reject", rule="insults")
    services.decide(moderator, held(story, reader, "Gone."), "remove")
    rows = sorted(decision_examples(), key=lambda r: r["text"])
    assert [(r["text"], r["label"]) for r in rows] == [
        ("A calm remark.", "clean"),
        ("You utter clown.", "insults"),
    ]


def test_the_latest_decision_on_the_same_text_wins(moderator, story, reader):
    services.decide(moderator, held(story, reader, "Borderline words"), "reject", rule="insults")
    services.decide(moderator, held(story, reader, "borderline   WORDS"), "approve")
    assert [r["label"] for r in decision_examples()] == ["clean"]


def test_the_engine_maps_rules_to_its_heads_and_leaves_others_out():
    examples = from_decisions(
        [
            {"text": "fine", "label": "clean"},
            {"text": "rude", "label": "insults"},
            {"text": "off", "label": "off_topic"},
            {"text": 3, "label": "clean"},
        ]
    )
    assert [(e.text, e.source, e.labels) for e in examples] == [
        ("fine", "moderators-approved", dict.fromkeys(HEADS, 0)),
        ("rude", "moderators-rejected", {"insults": 1}),
    ]
    assert examples[0].clean


def test_on_the_same_text_the_moderators_label_wins():
    public = [Example("same words", "wikipedia-toxic", {"insults": 1})]
    mine = from_decisions([{"text": "Same words", "label": "clean"}])
    merged = with_decisions(public, mine)
    assert len(merged) == 1
    assert merged[0].source == "moderators-approved"


def tiny_public_set() -> list[Example]:
    bad = ["you are an idiot", "shut up moron", "you stupid loser", "what a pathetic fool"]
    good = ["the treaty expires soon", "vaccines need trials", "good article thanks", "rates rose"]
    examples = []
    for i in range(12):
        examples += [Example(f"{t} {i}", "civil-toxic", dict.fromkeys(HEADS, 1)) for t in bad]
        examples += [Example(f"{t} {i}", "wikipedia-clean", dict.fromkeys(HEADS, 0)) for t in good]
    return examples


def test_train_and_evaluate_with_decisions(moderator, story, reader, tmp_path, monkeypatch):
    pytest.importorskip("sklearn")
    from masthead.standards import training

    monkeypatch.setattr(training, "load_all", lambda root: (tiny_public_set(), []))
    for n in range(30):
        services.decide(moderator, held(story, reader, f"the bridge repairs {n}"), "approve")
        services.decide(
            moderator, held(story, reader, f"you absolute clown {n}"), "reject", rule="insults"
        )
    before, after = tmp_path / "before.npz", tmp_path / "after.npz"
    out = StringIO()
    call_command(
        "standards",
        "train",
        "--datasets",
        str(tmp_path),
        "--output",
        str(before),
        "--no-vectors",
        stdout=out,
    )
    call_command(
        "standards",
        "train",
        "--datasets",
        str(tmp_path),
        "--output",
        str(after),
        "--with-decisions",
        "--no-vectors",
        stdout=out,
    )
    assert "60 moderator decisions added" in out.getvalue()
    report = StringIO()
    call_command(
        "standards",
        "evaluate",
        "--datasets",
        str(tmp_path),
        "--model",
        str(after),
        "--baseline",
        str(before),
        "--with-decisions",
        "--no-compare",
        "--no-peer",
        stdout=report,
    )
    text = report.getvalue()
    assert "linear (before)" in text
    assert "moderator decisions (test)" in text


def test_decisions_can_come_from_a_jsonl_file(moderator, story, reader, tmp_path, monkeypatch):
    pytest.importorskip("sklearn")
    from masthead.standards import training

    monkeypatch.setattr(training, "load_all", lambda root: (tiny_public_set(), []))
    services.decide(moderator, held(story, reader, "you absolute clown"), "reject", rule="insults")
    path = tmp_path / "decisions.jsonl"
    assert export_jsonl(path) == 1
    assert json.loads(path.read_text())["label"] == "insults"
    out = StringIO()
    call_command(
        "standards",
        "train",
        "--datasets",
        str(tmp_path),
        "--output",
        str(tmp_path / "m.npz"),
        "--with-decisions",
        str(path),
        "--no-vectors",
        stdout=out,
    )
    assert "1 moderator decisions added" in out.getvalue()


def test_an_unreadable_decisions_file_is_a_clear_error(tmp_path: Path, monkeypatch):
    from django.core.management.base import CommandError

    from masthead.standards import training

    monkeypatch.setattr(training, "load_all", lambda root: (tiny_public_set(), []))
    with pytest.raises(CommandError, match="Cannot read decisions"):
        call_command(
            "standards",
            "train",
            "--datasets",
            str(tmp_path),
            "--with-decisions",
            str(tmp_path / "missing.jsonl"),
            stdout=StringIO(),
        )
