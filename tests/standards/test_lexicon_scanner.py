"""The word lists are compiled once per process, however many threads review at once."""

from __future__ import annotations

import threading

import pytest

from masthead.standards import lexicon


def test_threads_of_a_cold_process_share_one_scanner(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lexicon, "_scanner", None)
    built = []
    real = lexicon.Scanner

    def counting(families: list[str]) -> lexicon.Scanner:
        built.append(families)
        return real(families)

    monkeypatch.setattr(lexicon, "Scanner", counting)
    start = threading.Barrier(8)
    seen: list[lexicon.Scanner] = []

    def review() -> None:
        start.wait()
        seen.append(lexicon.scanner())

    threads = [threading.Thread(target=review) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(built) == 1
    assert len(seen) == 8
    assert all(s is seen[0] for s in seen)
    assert seen[0].scan("you absolute idiot")  # the shared scanner is a working one


def test_no_line_is_tried_at_every_word() -> None:
    # A line whose first word the scanner cannot read off its pattern is tried wherever a word
    # starts, in every comment; start such a line from a fixed set of words instead.
    anywhere = [pattern.pattern[:80] for _f, _i, pattern, _s in lexicon.scanner()._anywhere]
    assert anywhere == []
