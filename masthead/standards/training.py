"""Training and evaluating the classifier (``manage.py standards train|evaluate``).

Needs the ``train`` extra (scikit-learn, scipy, lightgbm); the shipped engine does not.

Calibration: each head's bias is shifted so that a score of 0.5 sits at the point where 0.5% of
the clean validation comments would be flagged. The publisher's per-rule threshold then reads
as "0.5 = the measured operating point; higher = fewer false alarms".
"""

from __future__ import annotations

import math
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from masthead.standards import classifier
from masthead.standards.datasets import HEADS, Example, load_external, load_training
from masthead.standards.features import analyse, tokens
from masthead.standards.normalise import normalise
from masthead.standards.wordvectors import Pooled, WordVectors

TARGET_CLEAN_FPR = 0.005
# Inverse regularisation per head, chosen on the validation split (see README): the noisy,
# subjective insult and hate labels want a smoother model than swearing and spam do.
# Heads trained as NB-LR (see :func:`nb_ratios`): it raised validation AUC for every head, but
# on the insults head it also pushed sharp-but-civil news debate ("Stupid policy, honestly.")
# from 0.78 to 0.94, past the point where the classifier alone holds a comment; generalising
# to other publishers' ordinary debate matters more than 0.004 of AUC, so insults stays plain.
NB_HEADS = frozenset({"hate", "profanity", "spam"})
HEAD_C = {"insults": 1.0, "hate": 0.3, "profanity": 4.0, "spam": 8.0}
# Heads that read the word vectors: meaning matters for insults and hate; swearing and spam
# are lexical, and the vectors did not help them on validation (profanity 0.9931 -> 0.9928).
VECTOR_HEADS = frozenset({"insults", "hate"})
# The network over the pooled word vectors (see :func:`train_pooled`), chosen on the
# validation split and the earlier unseen batches (README): hidden units per member, members
# (seeds averaged, which is one wider layer), and the folds that give it n-gram logits the
# regression did not fit on.
POOLED_HIDDEN = 64
POOLED_MEMBERS = 3
POOLED_FOLDS = 5
# The n-gram logits enter the network divided by this, near the pooled features' unit scale.
LOGIT_SCALE = 4.0


@dataclass(slots=True)
class Vectoriser:
    vocabulary: list[str]
    idf: np.ndarray
    index: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.index = {f: i for i, f in enumerate(self.vocabulary)}

    @classmethod
    def fit(
        cls, feature_lists: Sequence[list[str]], *, max_features: int, min_df: int
    ) -> Vectoriser:
        df: Counter[str] = Counter()
        for features in feature_lists:
            df.update(set(features))
        # Ties in frequency are broken by the feature itself, not by the order sets happened to
        # list them in (string hashing differs between runs): the same data, the same model.
        kept = sorted((f for f, n in df.items() if n >= min_df), key=lambda f: (-df[f], f))
        kept = kept[:max_features]
        n_docs = len(feature_lists)
        idf = np.array([math.log((1 + n_docs) / (1 + df[f])) + 1.0 for f in kept])
        return cls(kept, idf.astype(np.float32))

    def transform(self, feature_lists: Sequence[list[str]]) -> Any:
        from scipy.sparse import csr_matrix

        indptr = [0]
        indices: list[int] = []
        data: list[float] = []
        for features in feature_lists:
            counts = Counter(features)
            row_idx = []
            row_val = []
            for feature, count in counts.items():
                i = self.index.get(feature)
                if i is not None:
                    row_idx.append(i)
                    row_val.append((1.0 + math.log(count)) * float(self.idf[i]))
            norm = math.sqrt(sum(v * v for v in row_val)) or 1.0
            indices.extend(row_idx)
            data.extend(v / norm for v in row_val)
            indptr.append(len(indices))
        return csr_matrix(
            (np.asarray(data, dtype=np.float32), indices, indptr),
            shape=(len(feature_lists), len(self.vocabulary)),
        )


def featurise(examples: Sequence[Example]) -> list[list[str]]:
    return [analyse(normalise(e.text).text) for e in examples]


def table_vectors(keys: list[str], vectors: np.ndarray, n_heads: int) -> WordVectors:
    """The table as the shipped model will read it (int8 and back), weights still zero."""
    quantised, scales = classifier.quantise(vectors)
    return WordVectors.from_quantised(
        keys, quantised, scales, np.zeros((vectors.shape[1], n_heads))
    )


def pooled_features(words: WordVectors, examples: Sequence[Example]) -> np.ndarray:
    """Per comment: the unit mean, the maximum and the minimum of its word vectors (zeros for
    a comment with no known word), as :class:`wordvectors.Pooled` reads them."""
    dims = words.vectors.shape[1]
    out = np.zeros((len(examples), 3 * dims), dtype=np.float32)
    for i, example in enumerate(examples):
        matrix = words.word_matrix(tokens(normalise(example.text).text))
        if matrix is None:
            continue
        total = matrix.sum(axis=0)
        norm = float(np.sqrt(total @ total))
        if norm > 0:
            out[i] = np.concatenate([total / norm, matrix.max(axis=0), matrix.min(axis=0)])
    return out


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def operating_point(clean_scores: np.ndarray, target: float = TARGET_CLEAN_FPR) -> float:
    """The score above which only ``target`` of clean comments lie."""
    if len(clean_scores) == 0:
        return 0.5
    return float(np.quantile(clean_scores, 1.0 - target))


def nb_ratios(x: Any, y: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    """Each feature's log-count ratio between the positive and negative rows (Wang & Manning's
    NB-SVM, 2012): how much more often a feature appears in the bad comments than the good."""
    present = x.copy()
    present.data[:] = 1.0
    positive = np.asarray(present[y == 1].sum(axis=0)).ravel() + alpha
    negative = np.asarray(present[y == 0].sum(axis=0)).ravel() + alpha
    return np.log((positive / positive.sum()) / (negative / negative.sum())).astype(np.float32)


@dataclass(slots=True)
class Trained:
    vectoriser: Vectoriser
    weights: np.ndarray
    bias: np.ndarray
    stats: dict[str, Any]
    word_keys: list[str] | None = None
    word_vectors: np.ndarray | None = None
    word_weights: np.ndarray | None = None
    pooled: Pooled | None = None


def _fit_head(
    x: Any, y: np.ndarray, head: str, strength: float, weight: np.ndarray | None = None
) -> tuple[np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression

    # liblinear shuffles the rows with numpy's global generator unless given a seed.
    model = LogisticRegression(
        C=strength, max_iter=2000, solver="liblinear", class_weight="balanced", random_state=0
    )
    ratio = nb_ratios(x, y) if head in NB_HEADS else np.ones(x.shape[1], np.float32)
    # NB-LR: the regression sees each feature scaled by its log-count ratio; the product
    # of ratio and coefficient is one weight again, so inference does not change.
    model.fit(x.multiply(ratio[None, :]).tocsr(), y, sample_weight=weight)
    return (model.coef_[0] * ratio).astype(np.float32), float(model.intercept_[0])


def train(
    examples: Sequence[Example],
    *,
    max_features: int = 200000,
    min_df: int = 3,
    c: float | None = None,
    vectors: tuple[list[str], np.ndarray] | None = None,
    clean_fpr: dict[str, float] | None = None,
    log: Callable[[str], None] = print,
) -> Trained:
    """``vectors``: a word-vector table (keys, float vectors) from :func:`distil.build_table`;
    without it the model is n-grams alone. ``clean_fpr``: per head, the share of clean
    validation comments its 0.5 flags (the calibration, above; TARGET_CLEAN_FPR if not named)."""
    train_set = [e for e in examples if e.split == "train"]
    val_set = [e for e in examples if e.split == "val"]
    started = time.perf_counter()
    train_features = featurise(train_set)
    vectoriser = Vectoriser.fit(train_features, max_features=max_features, min_df=min_df)
    x_train = vectoriser.transform(train_features)
    x_val = vectoriser.transform(featurise(val_set))
    log(f"features: {len(vectoriser.vocabulary)} from {len(train_set)} comments")
    n_heads = len(HEADS)
    weights = np.zeros((len(vectoriser.vocabulary), n_heads), dtype=np.float32)
    intercepts = np.zeros(n_heads, dtype=np.float32)
    # Each head's n-gram logits: on the validation split from the full fit; on the training
    # split, for the heads that read the vectors, from folds that left the row out, so the
    # network learns how far to trust the n-grams on text they were not fitted to.
    raw_train = np.zeros((len(train_set), n_heads), dtype=np.float32)
    raw_val = np.zeros((len(val_set), n_heads), dtype=np.float32)
    y_all = np.full((len(train_set), n_heads), -1, dtype=np.int8)
    stats: dict[str, Any] = {"heads": {}}
    fold = np.random.default_rng(0).integers(0, POOLED_FOLDS, len(train_set))
    row_weight = np.array([e.weight for e in train_set], dtype=np.float64)
    trained_heads = []
    for h, head in enumerate(HEADS):
        rows = np.array([i for i, e in enumerate(train_set) if head in e.labels], dtype=np.int64)
        y = np.array([train_set[i].labels[head] for i in rows])
        if len(set(y.tolist())) < 2:
            log(f"{head}: one class only, skipped")
            continue
        trained_heads.append(h)
        y_all[rows, h] = y
        strength = c if c is not None else HEAD_C[head]
        weights[:, h], intercepts[h] = _fit_head(x_train[rows], y, head, strength, row_weight[rows])
        raw_val[:, h] = np.asarray(x_val @ weights[:, h]).ravel() + intercepts[h]
        if vectors is not None and head in VECTOR_HEADS:
            for k in range(POOLED_FOLDS):
                fit_rows, out_rows = rows[fold[rows] != k], rows[fold[rows] == k]
                if len(set(y_all[fit_rows, h].tolist())) < 2 or not len(out_rows):
                    raw_train[out_rows, h] = np.asarray(x_train[out_rows] @ weights[:, h]).ravel()
                    continue
                coef, intercept = _fit_head(
                    x_train[fit_rows], y_all[fit_rows, h], head, strength, row_weight[fit_rows]
                )
                raw_train[out_rows, h] = np.asarray(x_train[out_rows] @ coef).ravel() + intercept
        stats["heads"][head] = {"train_rows": len(rows), "positives": int(y.sum())}
    pooled = None
    word_weights = None
    if vectors is not None:
        words = table_vectors(*vectors, n_heads)
        vector_heads = [h for h in trained_heads if HEADS[h] in VECTOR_HEADS]
        features_train = pooled_features(words, train_set)
        features_val = pooled_features(words, val_set)
        y_val = np.array([[e.labels.get(head, -1) for head in HEADS] for e in val_set])
        pooled = train_pooled(
            (features_train, raw_train, y_all),
            (features_val, raw_val, y_val),
            row_weight.astype(np.float32),
            vector_heads,
            log=log,
        )
        raw_val += pooled.logits_batch(features_val, raw_val)
        word_weights = np.zeros((vectors[1].shape[1], n_heads), dtype=np.float32)
    val_clean = np.array([e.clean for e in val_set])
    bias = intercepts.copy()
    for h in trained_heads:
        head = HEADS[h]
        clean_scores = 1 / (1 + np.exp(-raw_val[val_clean, h])) if val_clean.any() else np.array([])
        point = operating_point(clean_scores, (clean_fpr or {}).get(head, TARGET_CLEAN_FPR))
        bias[h] = intercepts[h] - _logit(point)
        stats["heads"][head]["point"] = point
        log(f"{head}: {stats['heads'][head]['train_rows']} rows, operating point {point:.3f}")
    if pooled is not None:
        # The network reads the n-gram logits before the calibration shift; at run time it
        # is given them after it, so the shift is added back inside its first layer.
        pooled = pooled.shifted(intercepts - bias)
    stats["seconds"] = round(time.perf_counter() - started, 1)
    if vectors is None:
        return Trained(vectoriser, weights, bias, stats)
    return Trained(
        vectoriser,
        weights,
        bias,
        stats,
        vectors[0],
        vectors[1],
        word_weights,
        pooled.pooled if pooled is not None else None,
    )


@dataclass(slots=True)
class PooledNet:
    """The trained network, its input scaling kept apart until it is folded for saving."""

    pooled: Pooled
    mu: np.ndarray
    sd: np.ndarray

    def logits_batch(self, features: np.ndarray, raw: np.ndarray) -> np.ndarray:
        x = np.hstack([(features - self.mu) / self.sd, raw / LOGIT_SCALE])
        hidden = np.maximum(x @ self.pooled.w1 + self.pooled.b1, 0.0)
        out: np.ndarray = hidden @ self.pooled.w2 + self.pooled.b2
        return out

    def shifted(self, shift: np.ndarray) -> PooledNet:
        """The same network as :class:`Pooled` runs it: on raw features and on n-gram logits
        that are ``shift`` lower than in training."""
        p = self.pooled
        n_pooled = len(self.mu)
        w1 = np.vstack([p.w1[:n_pooled] / self.sd[:, None], p.w1[n_pooled:] / LOGIT_SCALE])
        b1 = p.b1 - (self.mu / self.sd) @ p.w1[:n_pooled] + (shift / LOGIT_SCALE) @ p.w1[n_pooled:]
        return PooledNet(
            Pooled(w1.astype(np.float32), b1.astype(np.float32), p.w2, p.b2),
            np.zeros(0, np.float32),
            np.ones(0, np.float32),
        )


def train_pooled(
    train_data: tuple[np.ndarray, np.ndarray, np.ndarray],
    val_data: tuple[np.ndarray, np.ndarray, np.ndarray],
    row_weight: np.ndarray,
    heads: list[int],
    *,
    hidden: int = POOLED_HIDDEN,
    members: int = POOLED_MEMBERS,
    log: Callable[[str], None] = print,
) -> PooledNet:
    """The network over pooled word vectors and n-gram logits, trained on top of the logits
    (its output is added to them) with Adam and weight decay, stopped when the validation AUC
    of ``heads`` stops rising. Several members from different seeds are averaged, written as
    one layer of ``members * hidden`` units."""
    features, raw, y = train_data
    mu = features.mean(axis=0)
    sd = features.std(axis=0) + 1e-6
    n_heads = raw.shape[1]
    x = np.hstack([(features - mu) / sd, raw / LOGIT_SCALE]).astype(np.float32)
    val_features, val_raw, val_y = val_data
    x_val = np.hstack([(val_features - mu) / sd, val_raw / LOGIT_SCALE]).astype(np.float32)
    parts = []
    for seed in range(members):
        w1, b1, w2, b2 = _fit_member(
            x, raw, y, (x_val, val_raw, val_y), row_weight, heads, hidden, seed, log
        )
        parts.append((w1, b1, w2, b2))
    w1 = np.hstack([p[0] for p in parts])
    b1 = np.concatenate([p[1] for p in parts])
    w2_heads = np.vstack([p[2] for p in parts]) / members
    b2_heads = np.mean([p[3] for p in parts], axis=0)
    w2 = np.zeros((w1.shape[1], n_heads), dtype=np.float32)
    b2 = np.zeros(n_heads, dtype=np.float32)
    w2[:, heads] = w2_heads
    b2[heads] = b2_heads
    return PooledNet(Pooled(w1, b1, w2, b2), mu.astype(np.float32), sd.astype(np.float32))


def _fit_member(
    x: np.ndarray,
    raw: np.ndarray,
    labels: np.ndarray,
    val: tuple[np.ndarray, np.ndarray, np.ndarray],
    row_weight: np.ndarray,
    heads: list[int],
    hidden: int,
    seed: int,
    log: Callable[[str], None],
    *,
    rate: float = 1e-3,
    decay: float = 1e-3,
    batch: int = 256,
    epochs: int = 40,
    patience: int = 5,
) -> tuple[np.ndarray, ...]:
    rng = np.random.default_rng(seed)
    offset = raw[:, heads]
    y = np.clip(labels[:, heads], 0, 1).astype(np.float32)
    mask = (labels[:, heads] >= 0).astype(np.float32) * row_weight[:, None]
    # Balanced classes per head, as the regression weighs them.
    counts = mask.sum(axis=0)
    positives = (y * mask).sum(axis=0)
    weight_pos = counts / (2 * np.maximum(positives, 1))
    weight_neg = counts / (2 * np.maximum(counts - positives, 1))
    params = {
        "w1": rng.normal(0, np.sqrt(2 / x.shape[1]), (x.shape[1], hidden)).astype(np.float32),
        "b1": np.zeros(hidden, np.float32),
        "w2": rng.normal(0, 0.1 * np.sqrt(1 / hidden), (hidden, len(heads))).astype(np.float32),
        "b2": np.zeros(len(heads), np.float32),
    }
    first = {n: np.zeros_like(v) for n, v in params.items()}
    second = {n: np.zeros_like(v) for n, v in params.items()}
    x_val, raw_val, y_val = val
    best, best_loss, best_params, waited, step = -1.0, np.inf, dict(params), 0, 0
    rows = np.flatnonzero(mask.any(axis=1))
    ran = 0
    for _epoch in range(epochs):
        ran += 1
        order = rng.permutation(rows)
        for start in range(0, len(order), batch):
            b = order[start : start + batch]
            hidden_out = np.maximum(x[b] @ params["w1"] + params["b1"], 0.0)
            z = hidden_out @ params["w2"] + params["b2"] + offset[b]
            p = 1.0 / (1.0 + np.exp(-z))
            g = (p - y[b]) * mask[b] * np.where(y[b] > 0, weight_pos, weight_neg) / len(b)
            g_hidden = (g @ params["w2"].T) * (hidden_out > 0)
            grads = {
                "w1": x[b].T @ g_hidden,
                "b1": g_hidden.sum(axis=0),
                "w2": hidden_out.T @ g,
                "b2": g.sum(axis=0),
            }
            step += 1
            for name, value in params.items():
                first[name] = 0.9 * first[name] + 0.1 * grads[name]
                second[name] = 0.999 * second[name] + 0.001 * grads[name] ** 2
                update = (first[name] / (1 - 0.9**step)) / (
                    np.sqrt(second[name] / (1 - 0.999**step)) + 1e-8
                )
                # Decoupled weight decay (AdamW), on weights only.
                if name.startswith("w"):
                    update = update + decay * value
                params[name] = (value - rate * update).astype(np.float32)
        hidden_val = np.maximum(x_val @ params["w1"] + params["b1"], 0.0)
        z_val = hidden_val @ params["w2"] + params["b2"] + raw_val[:, heads]
        aucs = []
        losses = []
        for j, h in enumerate(heads):
            known = y_val[:, h] >= 0
            if len(set(y_val[known, h].tolist())) == 2:
                aucs.append(roc_points(y_val[known, h], z_val[known, j])[2])
                target = y_val[known, h]
                losses.append(
                    float(np.mean(np.logaddexp(0, z_val[known, j]) - target * z_val[known, j]))
                )
        score = float(np.mean(aucs)) if aucs else 0.0
        loss = float(np.mean(losses)) if losses else 0.0
        # Validation AUC decides; the log loss only breaks ties (a separable set stays at AUC 1).
        if score > best + 1e-5 or (score >= best - 1e-5 and loss < best_loss):
            best, best_loss, best_params, waited = (
                max(score, best),
                loss,
                {n: v.copy() for n, v in params.items()},
                0,
            )
        else:
            waited += 1
            if waited >= patience:
                break
    log(f"pooled network, seed {seed}: validation AUC {best:.4f} after {ran} epochs")
    return best_params["w1"], best_params["b1"], best_params["w2"], best_params["b2"]


def save(trained: Trained, path: Path) -> str:
    version = datetime.now(tz=UTC).strftime("%Y%m%d%H%M")
    # Features every head ignores cost load time and bytes for nothing.
    keep = np.abs(trained.weights).max(axis=1) > 1e-3
    vocabulary = [f for f, k in zip(trained.vectoriser.vocabulary, keep, strict=True) if k]
    classifier.save(
        path,
        vocabulary=vocabulary,
        idf=trained.vectoriser.idf[keep],
        weights=trained.weights[keep],
        bias=trained.bias,
        heads=HEADS,
        version=version,
        word_keys=trained.word_keys,
        word_vectors=trained.word_vectors,
        word_weights=trained.word_weights,
        pooled=trained.pooled,
    )
    return version


# --- Evaluation -------------------------------------------------------------------------------


def roc_points(labels: np.ndarray, scores: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
    order = np.argsort(-scores, kind="mergesort")
    y = labels[order]
    positives = max(int(y.sum()), 1)
    negatives = max(len(y) - int(y.sum()), 1)
    tpr = np.concatenate([[0.0], np.cumsum(y) / positives])
    fpr = np.concatenate([[0.0], np.cumsum(1 - y) / negatives])
    auc = float(np.trapezoid(tpr, fpr))
    return fpr, tpr, auc


@dataclass(slots=True)
class HeadResult:
    model: str
    head: str
    split: str
    auc: float
    fpr_clean: float
    tpr: float
    confusion: dict[str, int]
    curve: tuple[list[float], list[float]]
    n: int


def evaluate_scores(
    model: str,
    head: str,
    split: str,
    examples: Sequence[Example],
    scores: np.ndarray,
    threshold: float,
) -> HeadResult | None:
    rows = [i for i, e in enumerate(examples) if head in e.labels]
    if not rows:
        return None
    y = np.array([examples[i].labels[head] for i in rows])
    s = scores[rows]
    if y.min() == y.max():
        return None
    fpr, tpr, auc = roc_points(y, s)
    flagged = s >= threshold
    clean = np.array([examples[i].clean for i in rows])
    step = max(1, len(fpr) // 200)
    return HeadResult(
        model=model,
        head=head,
        split=split,
        auc=auc,
        fpr_clean=float(flagged[clean].mean()) if clean.any() else float("nan"),
        tpr=float(flagged[y == 1].mean()),
        confusion={
            "tp": int((flagged & (y == 1)).sum()),
            "fp": int((flagged & (y == 0)).sum()),
            "fn": int((~flagged & (y == 1)).sum()),
            "tn": int((~flagged & (y == 0)).sum()),
        },
        curve=(fpr[::step].round(4).tolist(), tpr[::step].round(4).tolist()),
        n=len(rows),
    )


def score_with_model(model: classifier.Model, examples: Sequence[Example]) -> np.ndarray:
    return np.array([[model.score(normalise(e.text).text)[h] for h in HEADS] for e in examples])


def gbm_scores(
    examples: Sequence[Example], tests: Sequence[Sequence[Example]], log: Callable[[str], None]
) -> list[np.ndarray]:
    """A gradient-boosted comparison on the same features, threshold fixed the same way."""
    import lightgbm

    train_set = [e for e in examples if e.split == "train"]
    val_set = [e for e in examples if e.split == "val"]
    train_features = featurise(train_set)
    # Fewer features and a column sample per tree keep this comparison to minutes; one thread,
    # so it leaves the other core of a shared machine free.
    vectoriser = Vectoriser.fit(train_features, max_features=20000, min_df=3)
    x_train = vectoriser.transform(train_features)
    x_val = vectoriser.transform(featurise(val_set))
    x_tests = [vectoriser.transform(featurise(t)) for t in tests]
    out: list[np.ndarray] = [np.zeros((len(t), len(HEADS))) for t in tests]
    val_clean = np.array([e.clean for e in val_set])
    for h, head in enumerate(HEADS):
        rows = [i for i, e in enumerate(train_set) if head in e.labels]
        y = np.array([train_set[i].labels[head] for i in rows])
        weight = np.array([train_set[i].weight for i in rows], dtype=np.float64)
        started = time.perf_counter()
        model = lightgbm.LGBMClassifier(
            n_estimators=250,
            learning_rate=0.1,
            num_leaves=31,
            colsample_bytree=0.3,
            max_bin=31,
            verbose=-1,
            n_jobs=1,
        )
        model.fit(x_train[rows], y, sample_weight=weight)
        point = operating_point(np.asarray(model.predict_proba(x_val))[:, 1][val_clean])
        for x_test, result in zip(x_tests, out, strict=True):
            raw = np.asarray(model.predict_proba(x_test))[:, 1]
            # The same calibration as the shipped model: the operating point maps to 0.5.
            result[:, h] = 1 / (
                1 + np.exp(-(np.log(raw + 1e-9) - np.log(1 - raw + 1e-9) - _logit(point)))
            )
        log(f"gbm {head}: {time.perf_counter() - started:.0f}s")
    return out


def peer_scores(examples: Sequence[Example]) -> np.ndarray | None:
    """alt-profanity-check's probability, the same for every head (it has only one)."""
    try:
        from profanity_check import predict_prob
    except ImportError:
        return None
    probabilities = np.asarray(predict_prob([e.text for e in examples]), dtype=float)
    return np.repeat(probabilities[:, None], len(HEADS), axis=1)


def load_all(root: Path) -> tuple[list[Example], list[Example]]:
    return load_training(root), load_external(root)
