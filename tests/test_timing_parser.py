"""The timing parser on the phrases of the five seed roadmaps (tests/roadmap_seed_tables.py):
a date only where the text allows one reading, placed within the roadmap's period."""

from datetime import date

import pytest

from tests.roadmap_seed_tables import SEED_TABLES
from wagtail_mentorship.models.pages.activity_timing import Period, parse_period, parse_timing

SCHOOL_YEAR_2022 = "2022–2023 учебный год"

# (the seed, the period its roadmap page would have, timing, expected start, expected due)
SEED_PHRASES = [
    ("000", SCHOOL_YEAR_2022, "Сентябрь - октябрь 2022 года", date(2022, 9, 1), date(2022, 10, 31)),
    ("000", SCHOOL_YEAR_2022, "Ноябрь 2022 года", date(2022, 11, 1), date(2022, 11, 30)),
    ("000", SCHOOL_YEAR_2022, "1 декада ноября 2022 года", date(2022, 11, 1), date(2022, 11, 10)),
    ("000", SCHOOL_YEAR_2022, "Октябрь – ноябрь 2022 года", date(2022, 10, 1), date(2022, 11, 30)),
    ("000", SCHOOL_YEAR_2022, "Апрель 2023", date(2023, 4, 1), date(2023, 4, 30)),
    ("000", SCHOOL_YEAR_2022, "Май 2023 года", date(2023, 5, 1), date(2023, 5, 31)),
    ("000", SCHOOL_YEAR_2022, "В течение года", None, None),
    ("000", SCHOOL_YEAR_2022, "2022 - 2023 учебный год.", None, None),
    ("001", "2023 год", "До 01.09.2023", None, date(2023, 9, 1)),
    ("001", "2023 год", "01.09.2023", None, date(2023, 9, 1)),
    ("001", "2023 год", "Ежегодно\nсентябрь-октябрь", date(2023, 9, 1), date(2023, 10, 31)),
    ("001", "2023 год", "Октябрь", date(2023, 10, 1), date(2023, 10, 31)),
    ("001", "2023 год", "Ежегодно\nдо 30 июня", None, date(2023, 6, 30)),
    ("001", "2023 год", "Ежегодно\nдо 31 августа", None, date(2023, 8, 31)),
    ("001", "2023 год", "Ежегодно", None, None),
    ("001", "2023 год", "1 п/е уч.года", None, None),
    ("001", "2023 год", "Постоянно\nЕжемесяч-но", None, None),
    ("001", "2023 год", "Ежеквартально", None, None),
    ("002", "2022 год", "март – апрель 2022 г.", date(2022, 3, 1), date(2022, 4, 30)),
    ("002", "2022 год", "до 15 мая 2022 г.", None, date(2022, 5, 15)),
    ("002", "2022 год", "до 30 мая 2022г.", None, date(2022, 5, 30)),
    ("002", "2022 год", "до 04 апреля 2022 г.", None, date(2022, 4, 4)),
    ("002", "2022 год", "апрель — декабрь 2022 г.", date(2022, 4, 1), date(2022, 12, 31)),
    ("002", "2022 год", "декабрь 2022г.", date(2022, 12, 1), date(2022, 12, 31)),
    ("002", "2022 год", "В течение всего периода", None, None),
    ("002", "2022 год", "По отдельному графику", None, None),
    ("003", "2023–2024 учебный год", "Ежегодно, до 15 сентября", None, date(2023, 9, 15)),
    ("003", "2023–2024 учебный год", "Ежегодно, до 1 июня\nЕжегодно\nЕжегодно", None, None),
    # two timings in one cell: which one is the activity's cannot be told
    ("003", "2023–2024 учебный год", "Ежегодно, до 1 октября\nЕжегодно, до 1 ноября", None, None),
    ("004", "2022 год", "До 31.08.2022г.", None, date(2022, 8, 31)),
    ("004", "2022 год", "Январь 2022г.", date(2022, 1, 1), date(2022, 1, 31)),
    ("004", "2022 год", "Ежегодно\nдо 30.08.", None, date(2022, 8, 30)),
    ("004", "2022 год", "Ежегодно\nдо 15 сентября", None, date(2022, 9, 15)),
    ("004", "2022 год", "Ежегодно\nМай", date(2022, 5, 1), date(2022, 5, 31)),
    ("004", "2022 год", "В течение\nучебного года", None, None),
    ("004", "2022 год", "По мере необходимости", None, None),
]


def seed_timings(name: str) -> set[str]:
    table = next(table for table in SEED_TABLES if table.name == name)
    columns = [i for i, header in enumerate(table.header) if "Срок" in header]
    return {row[i] for row in table.rows for i in columns if i < len(row)}


@pytest.mark.parametrize(("seed", "period", "timing", "start", "due"), SEED_PHRASES)
def test_seed_phrases(seed, period, timing, start, due):
    assert timing in seed_timings(seed), "the phrase is the seed's own"
    dates = parse_timing(timing, parse_period(period))
    assert (dates.start, dates.due) == (start, due)


def test_every_seed_timing_parses_without_error():
    for table in SEED_TABLES:
        for timing in seed_timings(table.name):
            parse_timing(timing, parse_period("2022–2023 учебный год"))


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("2022–2023 учебный год", Period(date(2022, 9, 1), date(2023, 8, 31))),
        ("2022 - 2023 год", Period(date(2022, 9, 1), date(2023, 8, 31))),
        ("2022/23 учебный год", Period(date(2022, 9, 1), date(2023, 8, 31))),
        ("2023 год", Period(date(2023, 1, 1), date(2023, 12, 31))),
        ("2022–2025 годы", Period(date(2022, 1, 1), date(2025, 12, 31))),
        ("", None),
        ("постоянно", None),
    ],
)
def test_period(text, period):
    assert parse_period(text) == period


def test_annual_date_in_a_school_year_falls_in_its_own_calendar_year():
    school_year = parse_period(SCHOOL_YEAR_2022)
    assert parse_timing("Ежегодно до 15 сентября", school_year).due == date(2022, 9, 15)
    assert parse_timing("Ежегодно до 31 августа", school_year).due == date(2023, 8, 31)
    assert parse_timing("сентябрь - май", school_year).start == date(2022, 9, 1)
    assert parse_timing("сентябрь - май", school_year).due == date(2023, 5, 31)


def test_yearless_timing_without_one_place_in_the_period_gives_nothing():
    several_years = parse_period("2022–2025 годы")
    assert parse_timing("Ежегодно до 15 сентября", several_years).due is None
    assert parse_timing("Ежегодно до 15 сентября", None).due is None
    assert parse_timing("Ноябрь", None).start is None


def test_impossible_dates_give_nothing():
    assert parse_timing("до 31.02.2023").due is None
    assert parse_timing("до 45.13.2023").due is None
    assert parse_timing("3 декада февраля 2024").due == date(2024, 2, 29)
