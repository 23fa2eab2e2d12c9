"""Dates from a roadmap's free-text timing («до 31.08.2022г.», «Ноябрь 2022 года»,
«Ежегодно до 15 сентября»), only where the text allows one reading.

The whole text must be a single date, day range or month range, optionally after
«ежегодно»; anything else («В течение года», «Постоянно», two timings in one cell) gives no
dates. A day or month without a year is placed within the roadmap's period («2022–2023
учебный год», «2023 год») when it falls there exactly once.
"""

import calendar
import datetime
import re
from dataclasses import dataclass

MONTHS = {
    "январ": 1,
    "феврал": 2,
    "март": 3,
    "апрел": 4,
    "ма": 5,
    "июн": 6,
    "июл": 7,
    "август": 8,
    "сентябр": 9,
    "октябр": 10,
    "ноябр": 11,
    "декабр": 12,
}
# A month's name in the nominative or the genitive: «май», «мая», «сентябрь», «сентября».
MONTH = (
    r"(?:январ[ья]|феврал[ья]|марта?|апрел[ья]|ма[йя]|июн[ья]|июл[ья]|августа?"
    r"|сентябр[ья]|октябр[ья]|ноябр[ья]|декабр[ья])"
)
YEAR = r"(?:(\d{4})\s*(?:г\.?|года?)?)"
NUMERIC_DATE = r"(\d{1,2})\.(\d{1,2})\.?(?:(\d{4})\s*(?:г\.?|года?)?)?"
WORDED_DATE = rf"(\d{{1,2}})\s+({MONTH})\s*{YEAR}?"
DECADES = {"1": 1, "2": 2, "3": 3, "первая": 1, "вторая": 2, "третья": 3}

ANNUALLY = re.compile(r"^ежегодно\s*,?\s*")
UNTIL_NUMERIC = re.compile(rf"^(?:до\s+)?{NUMERIC_DATE}$")
UNTIL_WORDED = re.compile(rf"^до\s+{WORDED_DATE}$")
DECADE = re.compile(rf"^(1|2|3|первая|вторая|третья)\s+декада\s+({MONTH})\s*{YEAR}?$")
MONTH_RANGE = re.compile(rf"^({MONTH})\s*{YEAR}?(?:\s*-\s*({MONTH})\s*{YEAR}?)?$")
DASHES = re.compile(r"\s*[-–—]\s*")
SPACES = re.compile(r"\s+")
PERIOD_YEARS = re.compile(r"(\d{4})(?:\s*[-–—/]\s*(\d{4}|\d{2})\b)?")


@dataclass(frozen=True)
class Period:
    """The span of a roadmap: the dates an annual or yearless timing is placed within."""

    first: datetime.date
    last: datetime.date


@dataclass(frozen=True)
class TimingDates:
    start: datetime.date | None = None
    due: datetime.date | None = None


NO_DATES = TimingDates()


def parse_period(text: str) -> Period | None:
    """«2022–2023 учебный год» (or two years in a row) is 1 September to 31 August; «2023 год»
    the calendar year; «2022–2025» 1 January of the first to 31 December of the last."""
    match = PERIOD_YEARS.search(text or "")
    if not match:
        return None
    first = int(match[1])
    last = first
    if match[2]:
        last = int(match[2]) if len(match[2]) == 4 else first // 100 * 100 + int(match[2])
    if last < first:
        return None
    if last == first + 1 or (last == first and "учебн" in text.lower()):
        if last == first:  # «2022 учебный год»: the school year that starts that autumn
            last += 1
        return Period(datetime.date(first, 9, 1), datetime.date(last, 8, 31))
    return Period(datetime.date(first, 1, 1), datetime.date(last, 12, 31))


def parse_timing(text: str, period: Period | None = None) -> TimingDates:
    """The start and due dates the timing names, or none of them where it is not one date."""
    text = normalised(text)
    text = ANNUALLY.sub("", text, count=1)
    if not text:
        return NO_DATES
    for pattern, reader in (
        (UNTIL_NUMERIC, numeric_due),
        (UNTIL_WORDED, worded_due),
        (DECADE, decade),
        (MONTH_RANGE, month_range),
    ):
        match = pattern.match(text)
        if match:
            return reader(match, period) or NO_DATES
    return NO_DATES


def normalised(text: str) -> str:
    """Lower case, one space between words, «-» for every dash, no final dot."""
    text = SPACES.sub(" ", (text or "").lower()).strip().rstrip(".,;").strip()
    return DASHES.sub("-", text)


def month_number(word: str) -> int:
    return next(number for stem, number in MONTHS.items() if word.startswith(stem))


def last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def year_within(period: Period | None, fits) -> int | None:
    """The one year of the period for which ``fits(year)`` gives dates inside it."""
    if period is None:
        return None
    years = [
        year
        for year in range(period.first.year, period.last.year + 1)
        if all(period.first <= day <= period.last for day in fits(year))
    ]
    return years[0] if len(years) == 1 else None


def safe_date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def day_due(day: int, month: int, year: int | None, period: Period | None) -> TimingDates | None:
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    if year is None:
        year = year_within(period, lambda y: [safe_date(y, month, min(day, last_day(y, month)))])
    if year is None:
        return None
    due = safe_date(year, month, day)
    return TimingDates(due=due) if due else None


def numeric_due(match, period):
    day, month, year = match[1], match[2], match[3]
    return day_due(int(day), int(month), int(year) if year else None, period)


def worded_due(match, period):
    day, month, year = match[1], match[2], match[3]
    return day_due(int(day), month_number(month), int(year) if year else None, period)


def decade(match, period):
    """«1 декада ноября»: the 1st to the 10th; the third runs to the month's end."""
    number, month, year = DECADES[match[1]], month_number(match[2]), match[3]

    def days(y):
        first = datetime.date(y, month, 10 * (number - 1) + 1)
        last = datetime.date(y, month, 10 * number if number < 3 else last_day(y, month))
        return first, last

    year = int(year) if year else year_within(period, days)
    if year is None:
        return None
    start, due = days(year)
    return TimingDates(start=start, due=due)


def month_range(match, period):
    """«Ноябрь 2022», «сентябрь - октябрь 2022 года», «октябрь-ноябрь» (within the period);
    a range that ends in an earlier month («сентябрь - май») ends the next year."""
    first_month, first_year = month_number(match[1]), match[2]
    last_month = month_number(match[3]) if match[3] else first_month
    last_year = match[4] or (first_year if not match[3] else None)
    crosses_year = last_month < first_month

    def days(y):
        # y is the year of the last month; the range's first day comes before it
        start_year = y - 1 if crosses_year else y
        return (
            datetime.date(start_year, first_month, 1),
            datetime.date(y, last_month, last_day(y, last_month)),
        )

    if last_year:
        year = int(last_year)
    elif first_year:
        year = int(first_year) + (1 if crosses_year else 0)
    else:
        year = year_within(period, days)
    if year is None:
        return None
    start, due = days(year)
    if first_year and start.year != int(first_year):
        return None  # «декабрь 2022 - январь 2022»: not a range
    return TimingDates(start=start, due=due)
