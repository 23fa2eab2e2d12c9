"""School grades read from what people write: «7Б», «5–7 классы», «старшеклассники», «12–14 лет».

A mentee's class says their grade; a mentor's «preferred mentees» and a form's mentee role
say which grades they mean. Text that names no grade gives an empty set: nothing is assumed.
"""

import re

GRADES = range(1, 12)  # 1st to 11th grade of a Russian school
FIRST_GRADE_AGE = 7  # a pupil of grade N is N + 6 or N + 7 years old

# Words that name grades without a number.
GRADE_WORDS = {
    "первоклас": (1,),
    "второклас": (2,),
    "третьеклас": (3,),
    "четвероклас": (4,),
    "пятиклас": (5,),
    "шестиклас": (6,),
    "семиклас": (7,),
    "восьмиклас": (8,),
    "девятиклас": (9,),
    "десятиклас": (10,),
    "одиннадцатиклас": (11,),
    "младшекл": range(1, 5),
    "младших школ": range(1, 5),
    "младшие школ": range(1, 5),
    "младший школ": range(1, 5),
    "начальн": range(1, 5),  # «начальная школа», «начальные классы»
    "среднее звено": range(5, 10),
    "среднего звена": range(5, 10),
    "средняя школ": range(5, 10),
    "средней школ": range(5, 10),
    "средних класс": range(5, 10),
    "средние класс": range(5, 10),
    "подрост": range(5, 10),
    "старшекл": range(9, 12),
    "старших класс": range(9, 12),
    "старшие класс": range(9, 12),
    "старшая школ": range(10, 12),
    "старшей школ": range(10, 12),
}

NUMBERS = r"\d{1,2}(?:\s*(?:[-–—]|,|и|или|до|по)\s*\d{1,2})*"
GRADE_NUMBERS = re.compile(
    rf"(?<!\d)({NUMBERS})(?:\s*-?\s*(?:х|ых|ой|ый|й))?\s*(?:класс|кл\b|кл\.)"
)
AGE_NUMBERS = re.compile(rf"(?<!\d)({NUMBERS})\s*(?:лет|год)")
RANGE = re.compile(r"(\d{1,2})(?:\s*(?:[-–—]|до|по)\s*(\d{1,2}))?")
CLASS_NAME = re.compile(r"^\s*(\d{1,2})(?!\d)")


def _numbers(listed: str) -> set[int]:
    """«5–7» → {5, 6, 7}; «5, 6 и 9» → {5, 6, 9}."""
    found = set()
    for low, high in RANGE.findall(listed):
        low = int(low)
        found.update(range(low, int(high or low) + 1))
    return found


def grades_in(text: str) -> frozenset[int]:
    """The grades ``text`` names, by number, by word or by age; empty when it names none."""
    text = text.casefold().replace("ё", "е")
    found = set()
    for stem, grades in GRADE_WORDS.items():
        if stem in text:
            found.update(grades)
    for listed in GRADE_NUMBERS.findall(text):
        found.update(_numbers(listed))
    for listed in AGE_NUMBERS.findall(text):
        for age in _numbers(listed):
            found.update((age - FIRST_GRADE_AGE, age - FIRST_GRADE_AGE + 1))
    return frozenset(found.intersection(GRADES))


def grade_of(class_name: str) -> int | None:
    """A pupil's grade from their class: «7Б», «10-А», «5 класс»; None for a college group."""
    match = CLASS_NAME.match(class_name or "")
    grade = int(match.group(1)) if match else None
    return grade if grade in GRADES else None
