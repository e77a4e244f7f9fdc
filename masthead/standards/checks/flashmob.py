"""Flash mobs: the same or nearly the same text from many accounts within an hour.

Near-duplicates are found with MinHash over word 3-shingles and locality-sensitive hashing:
16 bands of 4 hashes. Two texts share a band with probability J^4 for Jaccard similarity J,
so near-copies (J > 0.8) share several bands and unrelated texts almost never share one.
Only the band keys and the account go into the store, never the text.

Short comments are skipped: "I agree" from a hundred readers is agreement, not a campaign.
"""

from __future__ import annotations

import re
import zlib
from typing import Any

import numpy as np

from masthead.standards.checks import MEMORY_SECONDS, Doc
from masthead.standards.verdict import Evidence, Finding

MIN_WORDS = 8
BANDS = 16
ROWS = 4
WINDOW = MEMORY_SECONDS
# Accounts sharing at least this many bands with the comment count as posting the same text.
MIN_SHARED_BANDS = 3
_PRIME = (1 << 61) - 1
_rng = np.random.default_rng(20261126)
_A = _rng.integers(1, 1 << 31, size=BANDS * ROWS, dtype=np.uint64)
_B = _rng.integers(0, 1 << 31, size=BANDS * ROWS, dtype=np.uint64)
_TOKEN_RE = re.compile(r"[^\W_]+")


def signature(text: str) -> np.ndarray | None:
    words = _TOKEN_RE.findall(text)
    if len(words) < MIN_WORDS:
        return None
    shingles = {" ".join(words[i : i + 3]) for i in range(len(words) - 2)}
    hashes = np.fromiter(
        (zlib.crc32(s.encode()) for s in shingles), dtype=np.uint64, count=len(shingles)
    )
    # Universal hashing modulo 2^64 wrap-around is fine for MinHash: only the order matters.
    permuted = (hashes[:, None] * _A[None, :] + _B[None, :]) % np.uint64(_PRIME)
    result: np.ndarray = permuted.min(axis=0)
    return result


def band_keys(sig: np.ndarray) -> list[str]:
    return [
        f"mob:{b}:{zlib.crc32(sig[b * ROWS : (b + 1) * ROWS].tobytes()):08x}" for b in range(BANDS)
    ]


def memory(doc: Doc) -> dict[str, Any]:
    """What this comment adds to the store: its author under each of its band keys."""
    author = doc.ctx.author_id
    if author is None:
        return {}
    sig = signature(doc.norm.text)
    if sig is None:
        return {}
    return dict.fromkeys(band_keys(sig), author)


def check(doc: Doc) -> list[Finding]:
    author = doc.ctx.author_id
    if author is None:
        return []
    keys = [key for key in doc.recalled if key.startswith("mob:")]
    if not keys:
        return []
    shared: dict[str, int] = {}
    for authors in (doc.recalled[key] for key in keys):
        for other in set(authors):
            if other != author:
                shared[other] = shared.get(other, 0) + 1
    accounts = sum(1 for n in shared.values() if n >= MIN_SHARED_BANDS)
    if accounts == 0:
        return []
    score = 1.0 - 0.5 ** (accounts / 2)
    original = doc.norm.original
    return [
        Finding(
            "flash_mob",
            score,
            (Evidence(0, len(original), original[:80]),),
            f"{accounts} other accounts posted nearly the same text in the last hour",
        )
    ]
