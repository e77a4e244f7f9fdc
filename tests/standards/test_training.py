"""The training path on a handful of rows (the real run takes a minute: not in tests)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from masthead.standards import classifier
from masthead.standards.datasets import HEADS, Example

from .conftest import datasets_or_skip

pytest.importorskip("sklearn")

from masthead.standards import training


def tiny_set() -> list[Example]:
    bad = ["you are an idiot", "shut up moron", "you stupid loser", "what a fucking idiot"]
    good = ["the treaty expires soon", "vaccines need trials", "good article thanks", "rates rose"]
    examples = []
    for i in range(12):
        for text in bad:
            labels = dict.fromkeys(HEADS, 1)
            examples.append(Example(f"{text} {i}", "civil-toxic", labels))
        for text in good:
            examples.append(Example(f"{text} {i}", "wikipedia-clean", dict.fromkeys(HEADS, 0)))
    return examples


def test_it_trains_saves_and_loads_a_model(tmp_path: Path) -> None:
    trained = training.train(tiny_set(), max_features=500, min_df=1, log=lambda _m: None)
    path = tmp_path / "model.npz"
    training.save(trained, path)
    model = classifier.load(path)
    assert model.heads == HEADS
    assert model.score("you are an idiot")["insults"] > model.score("the treaty expires")["insults"]
    with np.load(path, allow_pickle=False) as data:
        assert "vocabulary" in data


def test_roc_auc_of_a_perfect_ranking_is_one() -> None:
    _fpr, _tpr, auc = training.roc_points(np.array([0, 0, 1, 1]), np.array([0.1, 0.2, 0.8, 0.9]))
    assert auc == pytest.approx(1.0)


def test_the_shipped_model_loads_offline_and_fast() -> None:
    import time

    started = time.perf_counter()
    model = classifier.load(classifier.MODEL_PATH)
    assert time.perf_counter() - started < 2.0
    assert set(model.heads) == set(HEADS)


def test_it_never_trains_on_the_evaluation_only_set() -> None:
    root = datasets_or_skip()
    from masthead.standards.datasets import load_external, load_training

    external = {e.key for e in load_external(root)[:300]}
    sources = {e.source for e in load_training(root)}
    assert "kaggle-insults" not in sources
    assert external


def test_nb_ratios_favour_words_of_the_positive_rows() -> None:
    from scipy.sparse import csr_matrix

    # columns: "idiot" (only in bad rows), "the" (everywhere), "budget" (only in good rows)
    x = csr_matrix(np.array([[1, 1, 0], [1, 1, 0], [0, 1, 1], [0, 1, 1]], dtype=np.float32))
    ratio = training.nb_ratios(x, np.array([1, 1, 0, 0]))
    assert ratio[0] > 0 > ratio[2]
    assert ratio[1] == pytest.approx(0.0, abs=1e-6)


def test_an_nb_head_folds_its_ratios_into_one_weight_per_feature(tmp_path: Path) -> None:
    # Inference stays a plain dot product: the saved model scores like any linear head.
    assert training.NB_HEADS.issubset(HEADS)
    trained = training.train(tiny_set(), max_features=500, min_df=1, log=lambda _m: None)
    path = tmp_path / "model.npz"
    training.save(trained, path)
    model = classifier.load(path)
    for head in training.NB_HEADS:
        assert model.score("shut up moron")[head] > model.score("rates rose")[head]


def test_unrated_parents_are_training_negatives_only() -> None:
    root = datasets_or_skip()
    from masthead.standards.datasets import UNRATED_SOURCES, load_training

    examples = load_training(root)
    parents = [e for e in examples if e.source in UNRATED_SOURCES]
    assert parents
    assert {e.split for e in parents} == {"train"}
    assert all(not e.clean and set(e.labels.values()) == {0} for e in parents)


def test_the_house_sets_become_decisions_without_their_marks(tmp_path: Path) -> None:
    from masthead.standards.datasets import from_decisions, house_decisions

    (tmp_path / "novel_abuse.txt").write_text(
        "# a header line\nYou spineless weasel.  # missed: the list lacks it\n"
        "Their religion is a cancer on this town.\n\n",
        encoding="utf-8",
    )
    (tmp_path / "ordinary_debate.txt").write_text(
        "# a header\nThe policy is a disaster for renters.\nGood piece.  # held: a known miss\n",
        encoding="utf-8",
    )
    rows = house_decisions(tmp_path)
    assert rows == [
        {"text": "You spineless weasel.", "label": "insults"},
        {"text": "Their religion is a cancer on this town.", "label": "hate"},
        {"text": "The policy is a disaster for renters.", "label": "clean"},
        {"text": "Good piece.", "label": "clean"},
    ]
    examples = from_decisions(rows)
    assert [e.labels for e in examples[:2]] == [{"insults": 1}, {"hate": 1}]
    assert examples[2].labels == dict.fromkeys(HEADS, 0)


def test_training_with_house_sets_reads_them_and_refuses_a_missing_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from io import StringIO

    from django.core.management import CommandError, call_command

    monkeypatch.setattr(training, "load_all", lambda root: (tiny_set(), []))
    house = tmp_path / "house"
    house.mkdir()
    (house / "novel_abuse.txt").write_text("You spineless weasel.\n", encoding="utf-8")
    (house / "ordinary_debate.txt").write_text("The bridge reopens.\n", encoding="utf-8")
    out = StringIO()
    args = ["standards", "train", "--datasets", str(tmp_path), "--no-vectors"]
    call_command(
        *args, "--output", str(tmp_path / "m.npz"), "--with-house-sets", str(house), stdout=out
    )
    assert "2 hand-written lines added" in out.getvalue()
    assert "675 neutral sentences naming groups" in out.getvalue()
    assert classifier.get_model(tmp_path / "m.npz") is not None
    with pytest.raises(CommandError, match="No hand-written sets"):
        call_command(*args, "--with-house-sets", str(tmp_path / "nowhere"), stdout=out)


def test_every_group_appears_in_every_neutral_sentence() -> None:
    from masthead.standards.datasets import IDENTITY_GROUPS, IDENTITY_TEMPLATES, identity_balance

    rows = identity_balance()
    assert len(rows) == len(IDENTITY_GROUPS) * len(IDENTITY_TEMPLATES)
    assert {row["label"] for row in rows} == {"clean"}
    for group in IDENTITY_GROUPS:
        mentioning = [r for r in rows if group.lower() in r["text"].lower()]
        assert len(mentioning) >= len(IDENTITY_TEMPLATES)
    assert all(row["text"][0].isupper() for row in rows)


def test_a_weighted_decision_counts_for_more_in_the_fit() -> None:
    from masthead.standards.datasets import from_decisions

    rows = [{"text": f"the referee was a donkey today {i}", "label": "insults"} for i in range(4)]
    scores = []
    for weight in (1.0, 20.0):
        decisions = from_decisions(rows, weight)
        assert {d.weight for d in decisions} == {weight}
        trained = training.train(
            tiny_set() + decisions, max_features=500, min_df=1, log=lambda _m: None
        )
        head = HEADS.index("insults")
        features = trained.vectoriser.transform(training.featurise([decisions[0]]))
        scores.append(float((features @ trained.weights[:, head])[0]))
    assert scores[1] > scores[0]


def test_train_refuses_a_weight_that_is_not_positive(tmp_path: Path) -> None:
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="--decision-weight must be a positive number"):
        call_command("standards", "train", "--datasets", str(tmp_path), "--decision-weight", "0")


@pytest.mark.parametrize(
    "pair", ["insults", "insults=", "insults=high", "insults=0.7", "rudeness=0.01"]
)
def test_train_refuses_a_calibration_it_cannot_use(tmp_path: Path, pair: str) -> None:
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="give a head"):
        call_command("standards", "train", "--datasets", str(tmp_path), "--clean-fpr", pair)


def test_a_head_calibrated_to_flag_more_clean_comments_scores_higher() -> None:
    # The same fit; only where each head's 0.5 sits moves (the bias), for the named head only.
    base = training.train(tiny_set(), max_features=500, min_df=1, log=lambda _m: None)
    looser = training.train(
        tiny_set(), max_features=500, min_df=1, clean_fpr={"insults": 0.3}, log=lambda _m: None
    )
    insults, hate = HEADS.index("insults"), HEADS.index("hate")
    assert looser.bias[insults] > base.bias[insults]
    assert looser.bias[hate] == pytest.approx(base.bias[hate])


def test_encoded_words_are_reused_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from masthead.standards import distil

    class Tokenizer:
        tokens = ["[CLS]", "[SEP]", "a", "b"]
        ids = {t: i for i, t in enumerate(tokens)}

        def encode(self, word: str) -> list[int]:
            return [self.ids["a"], self.ids["b"]]

    calls = []

    class Encoder:
        tokenizer = Tokenizer()

        @classmethod
        def load(cls, folder: Path) -> Encoder:
            return cls()

        def embed_ids(self, sequences: list[list[int]]) -> np.ndarray:
            calls.append(len(sequences))
            return np.random.default_rng(len(calls)).normal(size=(len(sequences), 6))

    monkeypatch.setattr(distil, "Encoder", Encoder)
    (tmp_path / "model.safetensors").write_bytes(b"weights")
    texts = ["river bank river", "bank holiday", "river"]
    first = distil.build_table(tmp_path, texts, dims=2, log=lambda _m: None, cache=tmp_path / "c")
    again = distil.build_table(tmp_path, texts, dims=2, log=lambda _m: None, cache=tmp_path / "c")
    assert calls == [4]
    assert first[0] == again[0] == ["a", "b", "bank", "river"]
    np.testing.assert_allclose(first[1], again[1])
    distil.build_table(
        tmp_path, ["holiday", "holiday"], dims=2, log=lambda _m: None, cache=tmp_path / "c"
    )
    assert calls == [4, 3]


def test_the_vocabulary_does_not_depend_on_the_order_features_come_in() -> None:
    # Equal counts are ordered by the feature, so string hashing (which orders sets) cannot
    # reorder the model's columns between two runs on the same data.
    lists = [["w:b", "w:a", "w:c"], ["w:c", "w:a"]]
    one = training.Vectoriser.fit(lists, max_features=10, min_df=1)
    other = training.Vectoriser.fit([list(reversed(f)) for f in lists], max_features=10, min_df=1)
    assert one.vocabulary == other.vocabulary == ["w:a", "w:c", "w:b"]
    # The cut at max_features keeps the same features whichever way the ties came.
    assert training.Vectoriser.fit(lists, max_features=2, min_df=1).vocabulary == ["w:a", "w:c"]
