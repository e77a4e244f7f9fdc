"""Static word vectors: what a comment means, for words the n-grams never saw.

The table is distilled once, at training time, from a sentence encoder (see :mod:`distil`):
each known word and each word piece has a vector, stored as int8 with one scale per row. A
comment's vector is the mean of its words' vectors (a word missing from the table is the
mean of its longest-match pieces), scaled to unit length; each head adds a dot product with
it to its n-gram logit. Nothing beyond numpy, and a word's rows are remembered like its
n-gram rows.

A model may instead (or as well) carry a small network over the words (:class:`Pooled`): the
mean, the per-dimension maximum and minimum of the comment's word vectors and the n-gram
logits, through one hidden layer. A maximum lets one hostile word count whatever the length
of the comment, and the hidden layer lets "a group" and "vermin" count together where either
alone is harmless, which a dot product with the mean cannot do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

# Words whose table rows are remembered; bounded, like the n-gram cache.
WORD_CACHE_SIZE = 200_000
_PART_RE = re.compile(r"[^\W_]+|[^\w\s]")
_MAX_PIECE_WORD = 60


@dataclass(frozen=True, slots=True)
class Pooled:
    """One hidden layer (ReLU) over [unit mean, max, min of the word vectors, n-gram logits];
    its outputs are added to the heads' logits. Input scaling is folded into ``w1``/``b1``."""

    w1: np.ndarray  # (3 * dims + n_heads, hidden)
    b1: np.ndarray
    w2: np.ndarray  # (hidden, n_heads): zero columns for heads that do not read it
    b2: np.ndarray

    def logits(self, mean: np.ndarray, rows: np.ndarray, base: np.ndarray) -> np.ndarray:
        features = np.concatenate([mean, rows.max(axis=0), rows.min(axis=0), base])
        hidden = np.maximum(features @ self.w1 + self.b1, 0.0)
        result: np.ndarray = hidden @ self.w2 + self.b2
        return result


@dataclass(frozen=True, slots=True)
class WordVectors:
    index: dict[str, int]
    vectors: np.ndarray  # (n_keys, dims): int8 with `scales`, else float32
    weights: np.ndarray  # (dims, n_heads): each head's weights on the comment's vector
    # One scale per row of int8 `vectors`. Kept apart rather than multiplied in at load: the
    # float32 table would be 20 MB in every web process and worker instead of 5 MB.
    scales: np.ndarray | None = None
    pooled: Pooled | None = None
    _cache: dict[str, tuple[tuple[int, ...], float]] = field(
        default_factory=dict, repr=False, compare=False
    )

    @classmethod
    def from_quantised(
        cls,
        keys: list[str],
        quantised: np.ndarray,
        scales: np.ndarray,
        weights: np.ndarray,
        pooled: Pooled | None = None,
    ) -> WordVectors:
        return cls(
            {k: i for i, k in enumerate(keys)},
            quantised,
            weights.astype(np.float32),
            scales.astype(np.float32),
            pooled,
        )

    def _rows(self, word: str) -> tuple[tuple[int, ...], float]:
        """A word's table rows and the weight of each (a word counts once, however split)."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        row = self.index.get(word)
        rows = (row,) if row is not None else self._pieces(word)
        cached = (rows, 1.0 / len(rows) if rows else 0.0)
        if len(self._cache) < WORD_CACHE_SIZE:
            self._cache[word] = cached
        return cached

    def _pieces(self, word: str) -> tuple[int, ...]:
        # The encoder's own word-piece split, longest match first; a part that cannot be
        # split whole is dropped, as the encoder would have read it as unknown.
        if len(word) > _MAX_PIECE_WORD:
            return ()
        index = self.index
        rows: list[int] = []
        for part in _PART_RE.findall(word):
            found: list[int] = []
            start = 0
            while start < len(part):
                end = len(part)
                while end > start:
                    row = index.get(part[start:end] if start == 0 else "##" + part[start:end])
                    if row is not None:
                        found.append(row)
                        break
                    end -= 1
                else:
                    found = []
                    break
                start = end
            rows.extend(found)
        return tuple(rows)

    def word_matrix(self, words: list[str]) -> np.ndarray | None:
        """One row per known word (a split word is the mean of its pieces), ``None`` if none."""
        rows: list[int] = []
        weights: list[float] = []
        # Where each word's rows start: a word read from several pieces is summed back into one.
        starts: list[int] = []
        for word in words:
            found, weight = self._rows(word)
            if found:
                starts.append(len(rows))
                rows.extend(found)
                weights.extend([weight] * len(found))
        if not rows:
            return None
        row_weights = np.asarray(weights, dtype=np.float32)
        if self.scales is not None:
            row_weights = row_weights * self.scales[rows]
        table = self.vectors[rows].astype(np.float32) * row_weights[:, None]
        if len(starts) == len(rows):
            return table
        return np.add.reduceat(table, starts, axis=0)

    def embed(self, words: list[str]) -> np.ndarray | None:
        """The unit-length mean vector of the words, ``None`` when none is known."""
        matrix = self.word_matrix(words)
        return None if matrix is None else _unit(matrix.sum(axis=0))

    def logits(self, words: list[str], base: np.ndarray) -> np.ndarray | None:
        """What the vectors add to the heads' n-gram logits ``base``."""
        matrix = self.word_matrix(words)
        mean = None if matrix is None else _unit(matrix.sum(axis=0))
        if self.pooled is None:
            return None if mean is None else mean @ self.weights
        if matrix is None or mean is None:
            # Zeros, as training gave a comment with no known word: its calibration counted
            # the network's output for them too.
            matrix = np.zeros((1, self.vectors.shape[1]), dtype=np.float32)
            mean = matrix[0]
        result: np.ndarray = mean @ self.weights + self.pooled.logits(mean, matrix, base)
        return result


def _unit(vector: np.ndarray) -> np.ndarray | None:
    norm = float(np.sqrt(vector @ vector))
    return vector / norm if norm > 0 else None
