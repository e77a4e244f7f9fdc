"""Evidence spans are marked in the text, and nothing in a comment becomes markup."""

from masthead.moderation.highlight import highlight, spans_of


def test_it_wraps_each_span_in_mark():
    html = highlight("you are an idiot, sir", [(11, 16, "insults")])
    assert html == 'you are an <mark title="insults">idiot</mark>, sir'


def test_it_escapes_the_text_around_and_inside_the_spans():
    html = highlight("<script>x</script> <b>bad</b>", [(19, 29, "insults")])
    assert "<script>" not in html
    assert html.startswith("&lt;script&gt;x&lt;/script&gt; <mark")
    assert "&lt;b&gt;bad&lt;/b&gt;</mark>" in html


def test_overlapping_spans_merge_and_bad_spans_are_dropped():
    html = highlight(
        "abcdefghij", [(2, 5, "a"), (4, 7, "b"), (8, 3, "c"), (-4, 1, "d"), (50, 60, "e")]
    )
    assert html == 'ab<mark title="a, b">cdefg</mark>hij'


def test_a_span_past_the_end_is_clamped():
    assert highlight("short", [(2, 99, "x")]) == 'sh<mark title="x">ort</mark>'


def test_it_reads_spans_from_a_stored_verdict_and_ignores_junk():
    verdict = {
        "findings": [
            {"rule": "spam", "evidence": [{"start": 0, "end": 3, "text": "buy"}, {"link": "x"}]},
            "junk",
        ]
    }
    assert spans_of(verdict) == [(0, 3, "spam")]
    assert spans_of("not a dict") == []
