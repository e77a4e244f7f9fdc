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


def test_the_whole_engine_count_on_clean_comments_names_the_rules() -> None:
    from masthead.standards.engine import default_config
    from masthead.standards.evaluation import clean_not_published

    examples = [
        Example("The council should publish the budget figures.", "wikipedia-clean"),
        Example("Holy shit, what a fucking mess.", "davidson-neither"),
        Example("You are a fucking idiot.", "civil-toxic", {"insults": 1}),
    ]
    stopped, n_clean, rules = clean_not_published(examples, default_config())
    assert (stopped, n_clean) == (1, 2)
    assert rules["profanity"] == 1
