"""The trained text classifier: one linear head per rule family over shared n-gram features.

The model file is a numpy ``.npz`` read with ``allow_pickle=False``: the vocabulary, the
inverse document frequencies, one weight column per head and each head's bias. Scoring is a
dictionary lookup per feature and a small dot product, so it needs nothing beyond numpy.

Character n-grams are counted once per distinct word (see :mod:`features`); word features by
occurrence. Values are ``(1 + log tf) * idf``, scaled to unit length, as in training.

A model may also carry static word vectors (:mod:`wordvectors`): a head then adds a dot
product with the comment's mean word vector and, in newer models, the output of a small
network over the pooled word vectors and the n-gram logits, which lets synonyms of known
abuse count.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np

from masthead.standards.features import char_ngrams, tokens
from masthead.standards.wordvectors import Pooled, WordVectors

MODEL_PATH = Path(__file__).resolve().parent / "data" / "model.npz"
HEADS = ("insults", "hate", "profanity", "spam")
# Distinct words whose n-gram rows are remembered; a bounded dict, so a flood of nonsense
# words cannot grow memory without limit.
WORD_CACHE_SIZE = 200_000
_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


@dataclass(frozen=True, slots=True)
class Model:
    index: dict[str, int]
    idf: np.ndarray
    weights: np.ndarray  # shape (n_features, n_heads)
    bias: np.ndarray
    heads: tuple[str, ...]
    version: str
    words: WordVectors | None = None
    _cache: dict[str, tuple[int, ...]] = field(default_factory=dict, repr=False, compare=False)

    def score(self, text: str) -> dict[str, float]:
        """Probability per head for a normalised text."""
        words = tokens(text)
        index = self.index
        found: list[int] = [
            row
            for feature in [f"w:{w}" for w in words] + [f"b:{a} {b}" for a, b in pairwise(words)]
            if (row := index.get(feature)) is not None
        ]
        word_rows = self._word_rows
        for word in set(words):
            found.extend(word_rows(word))
        logits = self.bias
        if found:
            rows, values = np.unique(np.asarray(found, dtype=np.int64), return_counts=True)
            vector = (1.0 + np.log(values.astype(np.float32))) * self.idf[rows]
            norm = float(np.sqrt(vector @ vector))
            if norm > 0:
                logits = logits + (vector / norm) @ self.weights[rows]
        if self.words is not None and (extra := self.words.logits(words, logits)) is not None:
            logits = logits + extra
        probabilities = 1.0 / (1.0 + np.exp(-logits))
        return {head: float(p) for head, p in zip(self.heads, probabilities, strict=True)}

    def _word_rows(self, word: str) -> tuple[int, ...]:
        """The model rows of a word's character n-grams, remembered: words repeat endlessly."""
        cached = self._cache.get(word)
        if cached is None:
            index = self.index
            cached = tuple(
                row for gram in char_ngrams(word) if (row := index.get(gram)) is not None
            )
            if len(self._cache) < WORD_CACHE_SIZE:
                self._cache[word] = cached
        return cached

    def leaning(self, word: str, head: str) -> float:
        """How far a word on its own pushes ``head`` up (its unigram weight; 0 if unknown)."""
        row = self.index.get(f"w:{word}")
        if row is None:
            return 0.0
        return float(self.weights[row, self.heads.index(head)]) * float(self.idf[row])

    def cues(self, text: str, head: str, limit: int = 3) -> list[tuple[int, int]]:
        """Spans of the words that pushed ``head`` up most: evidence a moderator can read."""
        column = self.heads.index(head)
        weighted: list[tuple[float, int, int]] = []
        for match in _WORD_RE.finditer(text):
            row = self.index.get(f"w:{match.group()}")
            if row is not None:
                weight = float(self.weights[row, column]) * float(self.idf[row])
                if weight > 0.5:
                    weighted.append((weight, match.start(), match.end()))
        weighted.sort(reverse=True)
        return sorted((start, end) for _w, start, end in weighted[:limit])


def load(path: Path | str = MODEL_PATH) -> Model:
    with np.load(path, allow_pickle=False) as data:
        vocabulary = data["vocabulary"].tolist()
        words = None
        if "word_keys" in data:
            pooled = None
            if "pooled_w1" in data:
                pooled = Pooled(
                    *(data[f"pooled_{n}"].astype(np.float32) for n in ("w1", "b1", "w2", "b2"))
                )
            words = WordVectors.from_quantised(
                data["word_keys"].tolist(),
                data["word_vectors"],
                data["word_scales"],
                data["word_weights"],
                pooled,
            )
        return Model(
            index={feature: i for i, feature in enumerate(vocabulary)},
            idf=data["idf"].astype(np.float32),
            weights=data["weights"].astype(np.float32),
            bias=data["bias"].astype(np.float32),
            heads=tuple(str(h) for h in data["heads"].tolist()),
            version=str(data["version"]),
            words=words,
        )


def quantise(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """int8 rows with one scale each: a quarter of float32's bytes, and no measurable loss."""
    scales = np.abs(vectors).max(axis=1) / 127.0
    scales[scales == 0] = 1.0
    quantised = np.round(vectors / scales[:, None]).astype(np.int8)
    return quantised, scales.astype(np.float32)


def save(
    path: Path | str,
    *,
    vocabulary: list[str],
    idf: np.ndarray,
    weights: np.ndarray,
    bias: np.ndarray,
    heads: tuple[str, ...],
    version: str,
    word_keys: list[str] | None = None,
    word_vectors: np.ndarray | None = None,
    word_weights: np.ndarray | None = None,
    pooled: Pooled | None = None,
) -> None:
    extra: dict[str, Any] = {}
    if word_keys is not None and word_vectors is not None and word_weights is not None:
        quantised, scales = quantise(word_vectors)
        extra = {
            "word_keys": np.asarray(word_keys, dtype=str),
            "word_vectors": quantised,
            # float32, not float16: a scale's rounding error would shift every value of the row.
            "word_scales": scales,
            "word_weights": word_weights.astype(np.float32),
        }
        if pooled is not None:
            extra |= {
                f"pooled_{name}": getattr(pooled, name).astype(np.float32)
                for name in ("w1", "b1", "w2", "b2")
            }
    np.savez_compressed(
        path,
        **extra,
        vocabulary=np.asarray(vocabulary, dtype=str),
        idf=idf.astype(np.float16),
        weights=weights.astype(np.float16),
        bias=bias.astype(np.float32),
        heads=np.asarray(heads, dtype=str),
        version=np.asarray(version),
    )


_lock = threading.Lock()
_model: Model | None = None
_model_path: Path | None = None


def get_model(path: Path | str | None = None) -> Model | None:
    """The shared model, loaded once per process; ``None`` when no model file exists yet."""
    global _model, _model_path
    wanted = Path(path) if path is not None else MODEL_PATH
    if _model is not None and _model_path == wanted:
        return _model
    with _lock:
        if _model is None or _model_path != wanted:
            if not wanted.exists():
                return None
            _model = load(wanted)
            _model_path = wanted
    return _model


def reset() -> None:
    global _model, _model_path
    with _lock:
        _model = None
        _model_path = None
