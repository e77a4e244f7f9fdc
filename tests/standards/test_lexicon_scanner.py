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
