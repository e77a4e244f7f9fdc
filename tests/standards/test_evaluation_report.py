from __future__ import annotations

import numpy as np

from masthead.standards.datasets import Example
from masthead.standards.report import render
from masthead.standards.training import evaluate_scores


def test_the_report_draws_roc_curves_and_confusion_tables() -> None:
    examples = [
        Example("a", "wikipedia-clean", {"insults": 0}),
        Example("b", "wikipedia-clean", {"insults": 0}),
        Example("c", "civil-toxic", {"insults": 1}),
        Example("d", "civil-toxic", {"insults": 1}),
    ]
    result = evaluate_scores(
        "linear", "insults", "test", examples, np.array([0.1, 0.6, 0.7, 0.9]), 0.5
    )
    assert result is not None
    assert result.fpr_clean == 0.5
    assert result.confusion == {"tp": 2, "fp": 1, "fn": 0, "tn": 1}
    page = render([result], ["a note"], [{"source": "x", "n": 4}])
    assert "<svg" in page
    assert "<polyline" in page
    assert "AUC 1.000" in page
    assert "<script" not in page
