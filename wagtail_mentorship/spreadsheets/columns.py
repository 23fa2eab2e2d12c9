"""Which spreadsheet column is which field.

Each field has a canonical Russian header (the one exports and templates write), an English
name and the aliases schools use. Headers match whatever their case, spacing, punctuation or
«ё»; a long Forms question matches when it begins with a known header («ФИО (полностью)»).
"""

import functools
import itertools
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from . import values
from .errors import SpreadsheetError
from .reading import HEADER_SCAN, check_data_rows

WORD = re.compile(r"[^\w]+")


@functools.lru_cache(maxsize=4096)
def _normalized(text: str) -> str:
    text = text.casefold().replace("ё", "е").replace("_", " ")
    words = " ".join(WORD.sub(" ", text).split())
    # «№» is a sign, not a word, yet a column headed just «№» is the number column.
    return words or ("№" if "№" in text else "")


def normalize_header(header) -> str:
    """Headers and choices compare whatever their case, spacing, punctuation or «ё»."""
    return _normalized(values.text(header))


@dataclass(frozen=True)
class Column:
    field: str
    russian: str
    english: str
    aliases: tuple[str, ...] = ()
    parse: object = values.text  # cell value → field value, may raise ValueError
    required: bool = False

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(normalize_header(name) for name in (self.russian, self.english, *self.aliases))


# Columns that Forms services add and that are kept with the answers, not matched to a field.
TIMESTAMP_HEADERS = {
    normalize_header(h) for h in ("Отметка времени", "Timestamp", "Время создания")
}

FULL_NAME = Column(
    "full_name",
    "ФИО",
    "Full name",
    ("Фамилия, имя, отчество", "Фамилия имя отчество", "Ваше ФИО", "Ф.И.О.", "Name"),
    required=True,
)
EMAIL = Column(
    "email",
    "E-mail",
    "Email",
    (
        "Адрес электронной почты",
        "Эл. почта",
        "Электронная почта",
        "E-mail адрес",
        "Email address",
        "Почта",
    ),
    parse=values.email,
)
PHONE = Column(
    "phone",
    "Телефон",
    "Phone",
    ("Номер телефона", "Контактный телефон", "Мобильный телефон", "Телефон для связи"),
    parse=values.phone,
)
ORGANIZATION = Column(
    "organization",
    "Организация",
    "Organization",
    ("Образовательная организация", "Организация (ОО)", "ОО", "Место работы", "Место учебы"),
)
CATEGORY = Column("category", "Категория", "Category", ("Категория участника",))
PROCESSING_CONSENT = Column(
    "processing_consent_date",
    "Согласие на обработку ПД",
    "Consent to processing",
    (
        "Дата согласия на обработку ПД",
        "Согласие на обработку персональных данных",
        "Дата согласия на обработку персональных данных",
    ),
    parse=values.date,
)
FORMS = Column(
    "mentorship_forms",
    "Формы наставничества",
    "Mentorship forms",
    ("Форма наставничества", "Формы", "Желаемая форма наставничества"),
    parse=values.items,
)
STATUS = Column("status", "Статус", "Status")

MENTOR_COLUMNS = (
    FULL_NAME,
    EMAIL,
    PHONE,
    ORGANIZATION,
    Column("position", "Должность", "Position", ("Должность, место работы",)),
    CATEGORY,
    Column(
        "competencies",
        "Компетенции",
        "Competencies",
        ("Профессиональные компетенции", "В чем вы можете помочь", "Ваши компетенции"),
    ),
    Column("interests", "Интересы", "Interests", ("Хобби", "Увлечения")),
    Column("achievements", "Достижения", "Achievements", ("Ваши достижения",)),
    Column(
        "capacity",
        "Максимум наставляемых",
        "Capacity",
        ("Количество наставляемых", "Сколько наставляемых готовы взять"),
        parse=values.whole_number,
    ),
    FORMS,
    Column(
        "preferred_mentees",
        "Возраст или класс наставляемых",
        "Preferred mentees",
        ("Предпочтительный возраст наставляемых", "Классы наставляемых"),
    ),
    Column(
        "availability",
        "Время для наставничества",
        "Availability",
        ("Сколько времени готовы уделять", "Время"),
    ),
    STATUS,
    PROCESSING_CONSENT,
)

MENTEE_COLUMNS = (
    FULL_NAME,
    EMAIL,
    PHONE,
    ORGANIZATION,
    Column(
        "class_name",
        "Класс",
        "Class",
        ("Класс/группа", "Класс, группа", "Группа", "Class or group"),
    ),
    CATEGORY,
    Column(
        "request", "Запрос", "Request", ("Ваш запрос", "С чем нужна помощь", "Запрос наставляемого")
    ),
    Column(
        "expectations", "Ожидания", "Expectations", ("Ваши ожидания", "Ожидания от наставничества")
    ),
    Column("recommended_by", "Кем рекомендован", "Recommended by", ("Кто рекомендовал",)),
    Column(
        "representative_name",
        "Законный представитель",
        "Legal representative",
        ("ФИО законного представителя", "ФИО родителя", "Родитель (законный представитель)"),
    ),
    Column(
        "representative_phone",
        "Телефон законного представителя",
        "Legal representative's phone",
        ("Телефон родителя", "Телефон родителя (законного представителя)"),
        parse=values.phone,
    ),
    Column(
        "representative_email",
        "E-mail законного представителя",
        "Legal representative's e-mail",
        ("Почта родителя", "Email родителя"),
        parse=values.email,
    ),
    Column(
        "is_minor",
        "Несовершеннолетний",
        "Minor",
        ("Младше 18 лет", "Несовершеннолетний (да/нет)"),
        parse=values.boolean,
    ),
    Column(
        "preferred_forms",
        FORMS.russian,
        FORMS.english,
        FORMS.aliases,
        parse=values.items,
    ),
    STATUS,
    PROCESSING_CONSENT,
)


@dataclass
class HeaderMatch:
    """Column index → the field it fills; unmatched columns go to the questionnaire answers."""

    fields: dict[int, Column]
    unmatched: dict[int, str]  # index → header as the file writes it
    missing: list[Column]  # required columns the file lacks
    written: dict[str, str]  # field → its header as the file writes it


def match_headers(headers, columns, remembered: dict[str, str] | None = None) -> HeaderMatch:
    """Match a header row; ``remembered`` maps normalised headers to fields a curator chose."""
    by_key = {key: column for column in columns for key in column.keys}
    by_field = {column.field: column for column in columns}
    remembered = remembered or {}
    fields, unmatched, written = {}, {}, {}
    for index, header in enumerate(headers):
        key = normalize_header(header)
        if not key:
            continue
        if key in remembered:  # the curator's choice, «keep with the answers» included
            column = by_field.get(remembered[key])
        else:
            column = by_key.get(key) or _by_prefix(key, by_key)
            column = None if key in TIMESTAMP_HEADERS else column
        if column is None or column.field in written:
            unmatched[index] = values.text(header)
        else:
            fields[index] = column
            written[column.field] = values.text(header)
    missing = [column for column in columns if column.required and column.field not in written]
    return HeaderMatch(fields, unmatched, missing, written)


def _by_prefix(key: str, by_key: dict[str, Column]) -> Column | None:
    """A long Forms question that begins with a known header, word for word."""
    best = max((k for k in by_key if key.startswith(k + " ")), key=len, default=None)
    return by_key[best] if best else None


def find_header_row(rows, columns, scan: int = 20) -> int:
    """The index of the header row: the first of the top rows that names most known columns."""
    best, best_score = 0, 0
    for index, row in enumerate(rows[:scan]):
        score = len(match_headers(row, columns).fields)
        if score > best_score:
            best, best_score = index, score
    return best


PAIR_COLUMNS = (
    Column(
        "mentor",
        "Наставник",
        "Mentor",
        ("ФИО наставника", "Наставник (ФИО или e-mail)", "E-mail наставника"),
        required=True,
    ),
    Column(
        "mentees",
        "Наставляемые",
        "Mentees",
        ("Наставляемый", "ФИО наставляемого", "ФИО наставляемых", "Наставляемые (ФИО или e-mail)"),
        parse=values.items,
        required=True,
    ),
    Column("form", "Форма наставничества", "Mentorship form", ("Формы наставничества", "Форма")),
    ORGANIZATION,
    STATUS,
    Column("start_date", "Дата начала", "Start date", ("Начало",), parse=values.date),
    Column("end_date", "Дата окончания", "End date", ("Окончание",), parse=values.date),
    Column("order_number", "Номер приказа", "Order number", ("Приказ №", "№ приказа", "Приказ")),
    Column("order_date", "Дата приказа", "Order date", ("Приказ от",), parse=values.date),
    Column("goal", "Цель", "Goal", ("Программа", "Программа или цель", "Цель наставничества")),
    Column("result", "Результат", "Result"),
)


# A roadmap's table, with the headers of the five seed documents and their common variants.
ROADMAP_COLUMNS = (
    Column("number", "№", "No.", ("№ п/п", "Номер", "N", "№ этапа")),
    Column("stage", "Этап", "Stage", ("Наименование этапа", "Этапы")),
    Column(
        "title",
        "Мероприятие",
        "Activity",
        (
            "Мероприятия",
            "Наименование мероприятия",
            "Наименование мероприятий",
            "Наименование этапов и мероприятий",
            "Этап / мероприятие",
            "Содержание мероприятия",
        ),
        required=True,
    ),
    Column("content", "Содержание", "Content", ("Содержание деятельности", "Содержание работы")),
    Column(
        "timing",
        "Сроки",
        "Timing",
        (
            "Срок",
            "Сроки выполнения",
            "Сроки проведения",
            "Сроки исполнения",
            "Срок исполнения",
            "Срок реализации",
            "Сроки реализации",
        ),
    ),
    Column(
        "responsible",
        "Ответственные",
        "Responsible",
        (
            "Ответственный",
            "Ответственный исполнитель",
            "Ответственные исполнители",
            "Исполнитель",
            "Исполнители",
        ),
    ),
    Column(
        "result",
        "Результат",
        "Result",
        (
            "Результат, вид документа",
            "Результат / документ",
            "Вид документа",
            "Ожидаемый результат",
            "Планируемый результат",
            "Ожидаемые результаты",
        ),
    ),
)


def header_match(sheet, columns, mapping=None):
    """The header row's match, and the data rows after it with their spreadsheet numbers."""
    rows = iter(sheet.rows)
    head = list(itertools.islice(rows, HEADER_SCAN))
    if not any(values.text(cell) for row in head for cell in row):
        raise SpreadsheetError(_("The sheet is empty."))
    header_index = find_header_row(head, columns, scan=HEADER_SCAN)
    check_data_rows(sheet.height - header_index - 1)  # the title and header rows not counted
    match = match_headers(head[header_index], columns, mapping)
    if match.missing:
        raise SpreadsheetError(
            _("No column «%(columns)s» was found in row %(row)s, the header row.")
            % {
                "columns": "», «".join(column.russian for column in match.missing),
                "row": sheet.first_row + header_index,
            }
        )
    numbered = itertools.chain(
        enumerate(head[header_index + 1 :], start=sheet.first_row + header_index + 1),
        enumerate(rows, start=sheet.first_row + len(head)),
    )
    return match, numbered
