"""The JHU wide-format parser on files in JHU's exact format: sums, quirks and refusals."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from masthead.datadesk.sources.base import Dataset, ParseError
from masthead.datadesk.sources.jhu import FILE_NAMES, JhuCsseSource

from .conftest import SAMPLE_DIR, write_jhu


def parse_dir(directory: Path) -> Dataset:
    source = JhuCsseSource()
    return source.parse(source.fetch(from_dir=directory))


def values(dataset: Dataset, metric: str, code: str) -> list[int | None]:
    series = next(s for s in dataset.series if s.key == metric)
    return next(v for region, v in series.values.items() if region.code == code)


def test_it_reads_the_days_of_the_sample() -> None:
    dataset = parse_dir(SAMPLE_DIR)
    assert dataset.dates[0] == date(2020, 11, 30)
    assert dataset.dates[-1] == date(2020, 12, 4)


def test_it_sums_provinces_into_their_country() -> None:
    dataset = parse_dir(SAMPLE_DIR)
    # Eight states and territories on 3 December 2020, as JHU reported them.
    assert values(dataset, "confirmed", "australia")[3] == (
        117 + 4603 + 59 + 1208 + 562 + 230 + 20345 + 825
    )
    assert values(dataset, "deaths", "australia")[3] == 3 + 53 + 0 + 6 + 4 + 13 + 820 + 9


def test_it_sums_countries_into_the_world() -> None:
    dataset = parse_dir(SAMPLE_DIR)
    countries = ["afghanistan", "albania", "algeria", "andorra", "australia", "austria"]
    for day in range(len(dataset.dates)):
        expected = sum(values(dataset, "confirmed", code)[day] or 0 for code in countries)
        assert values(dataset, "confirmed", "world")[day] == expected


def test_it_keeps_a_province_that_never_counted_recoveries_as_zero(tmp_path: Path) -> None:
    # New South Wales reports 0 recoveries throughout: never positive, so a real zero.
    dataset = parse_dir(SAMPLE_DIR)
    assert values(dataset, "recovered", "austria")[0] == 221692
    assert (
        values(dataset, "recovered", "australia")[0]
        == 112 + 0 + 46 + 1184 + 547 + 217 + 19525 + 789
    )


def test_it_marks_recoveries_as_not_reported_once_they_drop_to_zero(tmp_path: Path) -> None:
    write_jhu(
        tmp_path,
        date(2021, 8, 3),
        confirmed=[("", "Spain", [10, 20, 30, 40])],
        deaths=[("", "Spain", [1, 2, 3, 4])],
        recovered=[("", "Spain", [5, 6, 0, 0])],
    )
    dataset = parse_dir(tmp_path)
    assert values(dataset, "recovered", "spain") == [5, 6, None, None]
    assert values(dataset, "recovered", "world") == [5, 6, None, None]


def test_it_marks_days_after_the_recoveries_file_stops_as_not_reported(tmp_path: Path) -> None:
    write_jhu(
        tmp_path,
        date(2021, 8, 3),
        confirmed=[("", "Spain", [10, 20, 30])],
        deaths=[("", "Spain", [1, 2, 3])],
        recovered=[("", "Spain", [5])],
    )
    dataset = parse_dir(tmp_path)
    assert values(dataset, "recovered", "world") == [5, None, None]


def test_it_keeps_leading_zeros_before_the_first_case(tmp_path: Path) -> None:
    write_jhu(
        tmp_path,
        date(2020, 1, 22),
        confirmed=[("", "Italy", [0, 0, 2])],
        deaths=[("", "Italy", [0, 0, 0])],
        recovered=[("", "Italy", [0, 0, 0])],
    )
    assert values(parse_dir(tmp_path), "confirmed", "italy") == [0, 0, 2]


def _break(tmp_path: Path, metric: str, transform) -> Path:
    directory = tmp_path / "broken"
    directory.mkdir()
    for name in FILE_NAMES.values():
        (directory / name).write_bytes((SAMPLE_DIR / name).read_bytes())
    path = directory / FILE_NAMES[metric]
    path.write_text(transform(path.read_text()))
    return directory


@pytest.mark.parametrize(
    ("transform", "message"),
    [
        (lambda text: text[: len(text) // 2], "truncated"),
        (lambda text: text.replace("Country/Region", "Country"), "expected the columns"),
        (lambda text: text.replace(",46980,", ",-46980,"), "negative"),
        (lambda text: text.replace(",46980,", ",n/a,"), "not a whole number"),
        (lambda text: text.replace(",46980,", ",,"), "not a whole number"),
        (lambda text: text.replace("12/2/20", "12/9/20"), "jump"),
        (lambda text: text.replace("12/2/20", "Dec 2"), "not a date"),
        (lambda text: text.splitlines()[0] + "\n", "no data rows"),
        (lambda text: "", "empty"),
    ],
    ids=[
        "truncated",
        "missing-column",
        "negative",
        "non-numeric",
        "empty-cell",
        "gap-in-dates",
        "bad-date",
        "header-only",
        "empty-file",
    ],
)
def test_it_refuses_a_malformed_file(tmp_path: Path, transform, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        parse_dir(_break(tmp_path, "confirmed", transform))


def test_it_refuses_a_deaths_file_covering_other_days(tmp_path: Path) -> None:
    write_jhu(
        tmp_path,
        date(2020, 12, 1),
        confirmed=[("", "Italy", [1, 2, 3])],
        deaths=[("", "Italy", [1, 2])],
        recovered=[("", "Italy", [1, 2, 3])],
    )
    with pytest.raises(ParseError, match="deaths"):
        parse_dir(tmp_path)


def test_it_reports_a_missing_file(tmp_path: Path) -> None:
    directory = _break(tmp_path, "deaths", lambda text: text)
    (directory / FILE_NAMES["deaths"]).unlink()
    with pytest.raises(Exception, match="Cannot read"):
        parse_dir(directory)
