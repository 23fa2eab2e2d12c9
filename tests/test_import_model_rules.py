"""Every rule of the models, kept by the import: a row that breaks one is refused with its row
and column, and neither the preview nor the confirmation changes anything in the base.

The rules come from ``models/people.py`` (``AbstractPerson.clean``, ``Mentee.clean`` with
``consent.consent_date_errors`` and ``consent.minor_consent_errors``, the fields' validators
and choices, the one-person-per-organisation constraint), ``models/reference.py`` (forms and
organisations are reference data) and ``people/pair_rules.py`` (``pair_errors``). A rule no
row can break, since no column writes its fields, is pinned as such below: a column added
for them one day needs its row here.

Then every fixture file is imported and everything it created must pass ``full_clean()``.
"""

import datetime
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group
from wagtail.models import ModelLogEntry

from tests.builders import build_roadmap
from tests.fixture_files import FIXTURES, MENTEE_FILES, MENTOR_FILES, ROADMAP_FILES
from tests.people_builders import CURATORS, make_mentee, make_mentor, make_pair, school
from wagtail_mentorship.importing import audit
from wagtail_mentorship.importing.pipeline import run_import, run_roadmap_import
from wagtail_mentorship.importing.reports import problem_lines
from wagtail_mentorship.models import (
    Mentee,
    Mentor,
    MentorshipForm,
    MentorshipPair,
    Organization,
    PersonalDataLogEntry,
    SpreadsheetImport,
    StagePage,
)
from wagtail_mentorship.spreadsheets.columns import MENTEE_COLUMNS, MENTOR_COLUMNS, PAIR_COLUMNS

D = datetime.date
PAIRS = "Наставник;Наставляемые;Форма наставничества;Статус;Дата начала;Дата окончания"
VALID_PAIR = "belkina@example.com;Новикова Дарья;;Формируется;;"  # row 2 of every pairs file


def database_state() -> dict:
    """Every row an import could write, in full: people, pairs, their links, the trail."""
    models = [
        Mentor,
        Mentee,
        MentorshipPair,
        Mentor.mentorship_forms.through,
        Mentee.preferred_forms.through,
        MentorshipPair.mentees.through,
        PersonalDataLogEntry,
        Organization,
        MentorshipForm,
        SpreadsheetImport,
        ModelLogEntry,
    ]
    return {model._meta.label: list(model.objects.order_by("pk").values()) for model in models}


@pytest.fixture
def world(db, django_user_model):
    """The base the rows are imported into; each rule's row breaks a rule against it."""
    lyceum = school()
    make_mentor(
        "Орлова Ирина",
        email="orlova@example.com",
        capacity=1,
        processing_consent_date=D(2024, 9, 1),
        processing_consent_by="person",
        processing_consent_withdrawn=D(2025, 1, 10),
    )
    make_mentor("Зуев Максим", email="zuev@example.com", capacity=3)
    make_mentor("Белкина Ольга", email="belkina@example.com", capacity=2)
    lena = make_mentee(  # an adult who gave her consent herself
        "Смирнова Елена",
        email="lena@example.com",
        processing_consent_date=D(2024, 9, 1),
        processing_consent_by="person",
    )
    make_mentee(  # an adult whose consent to processing her parent gave, to publication she
        "Белова Анна",
        email="anna@example.com",
        representative_name="Белов Иван",
        processing_consent_date=D(2024, 9, 1),
        processing_consent_by="representative",
        publication_consent_date=D(2024, 9, 1),
        publication_consent_by="person",
        publish_name=True,
    )
    make_mentee("Кузьмин Артём", email="artem@example.com")
    make_mentee("Новикова Дарья", email="dasha@example.com")
    make_mentee("Петрова Маша", is_minor=True)  # a minor, no consent from her parents
    make_mentee("Зуев Максим", email="zuev@example.com")  # the mentor, also in the mentees' base
    orlova = Mentor.objects.get(email="orlova@example.com")
    make_pair(orlova, [lena], form=MentorshipForm.objects.get(name="Ученик – ученик"))
    # The trail is not empty, so that a refused import is seen to leave it as it was.
    audit.log_for_each(Mentor.objects.all(), audit.EXPORT_ACTION, None, {"format": "csv"})
    curator = django_user_model.objects.create_user("curator", "curator@example.org", "x")
    curator.groups.add(Group.objects.get(name=CURATORS))
    curator.mentorship_organizations.set([lyceum])
    return {"school": lyceum, "curator": curator}


@dataclass(frozen=True)
class Rule:
    target: str
    lines: tuple  # the header row, then the rows; the last row breaks the rule
    column: str | None  # as the file writes it; None: the file has no column for the field
    message: str  # a part of the Russian message
    as_curator: bool = False

    @property
    def data(self) -> bytes:
        return ("\n".join(self.lines) + "\n").encode()

    @property
    def row(self) -> int:
        return len(self.lines)  # the header is row 1


def rule(target, lines, column, message, as_curator=False) -> Rule:
    return Rule(target, tuple(lines), column, message, as_curator)


# (id, target, lines, column, message[, as_curator]): the last line breaks the rule.
RULE_TABLE = [
    # Fields of people (models/people.py) -------------------------------------------------
    (
        "mentor-full-name-required",
        "mentors",
        ["Фамилия, имя, отчество;E-mail", "Сидоров Пётр;sidorov@example.com", ";x@example.com"],
        "Фамилия, имя, отчество",
        "Не заполнено ФИО.",
    ),
    (
        "mentee-full-name-required",
        "mentees",
        ["ФИО;Класс", "Сидоров Пётр;5 «А»", ";6 «Б»"],
        "ФИО",
        "Не заполнено ФИО.",
    ),
    (
        "mentor-email-format",
        "mentors",
        ["ФИО;Адрес электронной почты", "Сидоров Пётр;", "Петров Иван;petrov(at)example.com"],
        "Адрес электронной почты",
        "«petrov(at)example.com» — не адрес электронной почты.",
    ),
    (
        "mentee-representative-email-format",
        "mentees",
        ["ФИО;Почта родителя", "Сидоров Пётр;", "Лебедева Вика;мама-на-почте"],
        "Почта родителя",
        "«мама-на-почте» — не адрес электронной почты.",
    ),
    (
        "mentor-capacity-whole-number",
        "mentors",
        ["ФИО;Сколько наставляемых готовы взять", "Сидоров Пётр;2", "Петров Иван;два"],
        "Сколько наставляемых готовы взять",
        "«два» — не целое число.",
    ),
    (
        "mentor-capacity-at-least-1",
        "mentors",
        ["ФИО;Сколько наставляемых готовы взять", "Сидоров Пётр;2", "Петров Иван;0"],
        "Сколько наставляемых готовы взять",
        "больше либо равно 1",
    ),
    (
        "mentor-capacity-at-most-50",
        "mentors",
        ["ФИО;Сколько наставляемых готовы взять", "Сидоров Пётр;2", "Петров Иван;51"],
        "Сколько наставляемых готовы взять",
        "меньше либо равно 50",
    ),
    (
        "mentor-capacity-not-negative",
        "mentors",
        ["ФИО;Сколько наставляемых готовы взять", "Сидоров Пётр;2", "Петров Иван;-1"],
        "Сколько наставляемых готовы взять",
        "больше либо равно 1",
    ),
    (
        "mentor-phone-max-length",
        "mentors",
        ["ФИО;Телефон", "Сидоров Пётр;", "Петров Иван;" + "1" * 33],
        "Телефон",
        "не более 32 символов",
    ),
    (
        "mentee-class-max-length",
        "mentees",
        ["ФИО;Класс", "Сидоров Пётр;5 «А»", "Петров Иван;" + "5" * 65],
        "Класс",
        "не более 64 символов",
    ),
    (
        "mentor-category-choice",
        "mentors",
        ["ФИО;Категория", "Сидоров Пётр;Педагог", "Петров Иван;Космонавт"],
        "Категория",
        "«Космонавт» — не из списка: Педагог,",
    ),
    (
        "mentor-status-choice",
        "mentors",
        ["ФИО;Статус", "Сидоров Пётр;Кандидат", "Петров Иван;Уволен"],
        "Статус",
        "«Уволен» — не из списка: Кандидат, Утверждён(а), Не участвует.",
    ),
    (
        "mentee-category-choice",
        "mentees",
        ["ФИО;Категория участника", "Сидоров Пётр;Обучающийся", "Петров Иван;Космонавт"],
        "Категория участника",
        "«Космонавт» — не из списка: Обучающийся, Молодой специалист,",
    ),
    (
        "mentee-status-choice",
        "mentees",
        ["ФИО;Статус", "Сидоров Пётр;Кандидат", "Петров Иван;Отчислен"],
        "Статус",
        "«Отчислен» — не из списка: Кандидат, В программе, Завершил(а) программу, Выбыл(а).",
    ),
    (
        "mentee-is-minor-yes-or-no",
        "mentees",
        ["ФИО;Несовершеннолетний (да/нет)", "Сидоров Пётр;нет", "Петров Иван;может быть"],
        "Несовершеннолетний (да/нет)",
        "«может быть» — ни «да», ни «нет»",
    ),
    (
        "consent-date-is-a-date",
        "mentors",
        ["ФИО;Дата согласия на обработку ПД", "Сидоров Пётр;01.09.2026", "Петров Иван;вчера"],
        "Дата согласия на обработку ПД",
        "«вчера» — не дата",
    ),
    (
        "one-person-per-organisation",
        "mentees",
        ["ФИО;E-mail", "Сидоров Пётр;sid@example.com", "сидоров  пётр;SID@example.com"],
        "ФИО",
        "Тот же человек, что в строке 2 этого файла.",
    ),
    # Consents (Mentee.clean, AbstractPerson.clean) ----------------------------------------
    (
        "minor-consent-names-the-representative",
        "mentees",
        [
            "ФИО;Несовершеннолетний;Законный представитель;Согласие на обработку ПД",
            "Сидоров Пётр;да;Сидорова Анна;01.09.2026",
            "Лебедева Вика;да;;01.09.2026",
        ],
        "Законный представитель",
        "Укажите законного представителя, давшего согласие.",
    ),
    (
        "minor-processing-consent-by-representative",
        "mentees",
        [
            "ФИО;E-mail;Несовершеннолетний;Законный представитель",
            "Сидоров Пётр;;да;Сидорова Анна",
            "Смирнова Елена;lena@example.com;да;Смирнов Игорь",
        ],
        None,
        "За несовершеннолетнего согласие даёт законный представитель.",
    ),
    (
        "minor-publication-consent-by-representative",
        "mentees",
        [
            "ФИО;E-mail;Несовершеннолетний",
            "Сидоров Пётр;;нет",
            "Белова Анна;anna@example.com;да",
        ],
        None,
        "За несовершеннолетнего согласие даёт законный представитель.",
    ),
    (
        "consent-not-withdrawn-before-given",
        "mentors",
        [
            "ФИО;E-mail;Согласие на обработку ПД",
            "Сидоров Пётр;;01.09.2026",
            "Орлова Ирина;orlova@example.com;01.09.2025",
        ],
        None,
        "Согласие не может быть отозвано раньше, чем дано.",
    ),
    # Reference data (models/reference.py) -------------------------------------------------
    (
        "mentor-forms-are-known",
        "mentors",
        ["ФИО;Формы наставничества", "Сидоров Пётр;Учитель – учитель", "Петров Иван;Шахматы"],
        "Формы наставничества",
        "Нет такого значения: «Шахматы»; известны:",
    ),
    (
        "mentee-forms-are-known",
        "mentees",
        [
            "ФИО;Желаемая форма наставничества",
            "Сидоров Пётр;Ученик – ученик",
            "Петров Иван;Ученик – ученик, Шахматы",
        ],
        "Желаемая форма наставничества",
        "Нет такого значения: «Шахматы»; известны:",
    ),
    (
        "pair-form-is-known",
        "pairs",
        [PAIRS, VALID_PAIR, "Зуев Максим;Кузьмин Артём;Шахматы;Формируется;;"],
        "Форма наставничества",
        "Нет такого значения: «Шахматы»; известны:",
    ),
    (
        "a-curator-adds-no-organisation",
        "mentors",
        ["ФИО;Организация", "Сидоров Пётр;МАОУ «Лицей № 2»", "Петров Иван;Гимназия № 99"],
        "Организация",
        "Организации «Гимназия № 99» нет в базе",
        True,
    ),
    (
        "organisation-name-max-length",
        "mentors",
        [
            "ФИО;Образовательная организация",
            "Сидоров Пётр;МАОУ «Лицей № 2»",
            "Петров Иван;" + "Школа" * 101,
        ],
        "Образовательная организация",
        "не более 500 символов",
    ),
    # Pairs (people/pair_rules.py, models/pairs.py) ----------------------------------------
    (
        "pair-ends-after-it-starts",
        "pairs",
        [PAIRS, VALID_PAIR, "Зуев Максим;Кузьмин Артём;;Формируется;01.09.2026;31.05.2026"],
        "Дата окончания",
        "Дата окончания не может быть раньше даты начала.",
    ),
    (
        "pair-mentor-is-not-the-mentee",
        "pairs",
        [PAIRS, VALID_PAIR, "zuev@example.com;zuev@example.com;;Формируется;;"],
        "Наставляемые",
        "Зуев Максим не может быть наставником самому себе.",
    ),
    (
        "pair-within-mentor-capacity",
        "pairs",
        [PAIRS, VALID_PAIR, "orlova@example.com;Кузьмин Артём;;Формируется;;"],
        "Наставляемые",
        "Орлова Ирина может вести не больше 1 наставляемых одновременно; с этой парой их "
        "было бы 2.",
    ),
    (
        "pair-one-active-pair-per-form",
        "pairs",
        [PAIRS, VALID_PAIR, "Зуев Максим;Смирнова Елена;Ученик – ученик;Действует;;"],
        "Наставляемые",
        "Смирнова Елена уже состоит в действующей паре формы «Ученик – ученик».",
    ),
    (
        "pair-active-minor-needs-representative-consent",
        "pairs",
        [PAIRS, VALID_PAIR, "Белкина Ольга;Петрова Маша;;Действует;;"],
        "Статус",
        "Пара не может начать работу: нет согласия законного представителя на обработку "
        "персональных данных (Петрова Маша).",
    ),
    (
        "pair-one-open-pair-per-mentor-and-mentee",
        "pairs",
        [
            PAIRS,
            VALID_PAIR,
            "orlova@example.com;Смирнова Елена;Учитель – учитель;Формируется;;",
        ],
        "Наставляемые",
        "Смирнова Елена уже состоит в другой формируемой или действующей паре с наставником "
        "Орлова Ирина.",
    ),
    (
        "pair-status-choice",
        "pairs",
        [PAIRS, VALID_PAIR, "Зуев Максим;Кузьмин Артём;;Заморожена;;"],
        "Статус",
        "«Заморожена» — не из списка: Формируется, Действует,",
    ),
    (
        "pair-start-date-is-a-date",
        "pairs",
        [PAIRS, VALID_PAIR, "Зуев Максим;Кузьмин Артём;;Формируется;с сентября;"],
        "Дата начала",
        "«с сентября» — не дата",
    ),
    (
        "pair-mentor-required",
        "pairs",
        [PAIRS, VALID_PAIR, ";Кузьмин Артём;;Формируется;;"],
        "Наставник",
        "",
    ),
    (
        "pair-mentees-required",
        "pairs",
        [PAIRS, VALID_PAIR, "Зуев Максим;;;Формируется;;"],
        "Наставляемые",
        "",
    ),
]
RULES = [pytest.param(rule(*case), id=case_id) for case_id, *case in RULE_TABLE]


def imported(world, case: Rule, dry_run: bool):
    return run_import(
        case.data,
        f"{case.target}.csv",
        case.target,
        dry_run=dry_run,
        user=world["curator"] if case.as_curator else None,
        organization=world["school"],
    )


def assert_refused(report, case: Rule) -> None:
    lines = problem_lines(report)
    assert report.problems, f"the row was accepted: {report.counts}"
    assert not report.applied
    assert {problem.row for problem in report.problems} == {case.row}, lines
    found = [p for p in report.problems if case.message in p.message]
    assert found, lines
    if case.column is not None:
        assert case.column in {p.column for p in found}, lines


@pytest.mark.parametrize("case", RULES)
def test_a_row_breaking_a_rule_is_refused_and_nothing_is_written(world, case):
    before = database_state()
    preview = imported(world, case, dry_run=True)
    assert_refused(preview, case)
    assert database_state() == before
    confirmed = imported(world, case, dry_run=False)
    assert_refused(confirmed, case)
    assert database_state() == before
    assert problem_lines(confirmed) == problem_lines(preview)


def test_the_same_file_without_the_broken_row_is_imported(world):
    """The rules' files are refused for their last row alone: without it each is imported."""
    for param in RULES:
        case = param.values[0]
        if any(mark.name == "xfail" for mark in param.marks):
            continue
        fixed = Rule(case.target, case.lines[:-1], None, "", case.as_curator)
        report = imported(world, fixed, dry_run=True)
        assert report.ok, (param.id, problem_lines(report))


NO_COLUMN = [param for param in RULES if param.values[0].column is None]


@pytest.mark.parametrize(
    "case", [param.values[0] for param in NO_COLUMN], ids=[p.id for p in NO_COLUMN]
)
def test_a_rule_on_a_field_without_a_column_names_a_column_of_the_file(world, case):
    report = imported(world, case, dry_run=True)
    headers = set(case.lines[0].split(";"))
    assert report.problems and {p.column for p in report.problems} <= headers, report.problems


@pytest.mark.parametrize(
    "target, lines",
    [
        ("mentors", ["ФИО;Максимум наставляемых", "Сидоров Пётр;2", "Петров Иван;-1"]),
        ("pairs", [PAIRS, VALID_PAIR, ";Кузьмин Артём;;Формируется;;"]),
    ],
    ids=["negative-capacity", "pair-without-mentor"],
)
def test_rows_only_the_database_refuses_still_change_nothing(world, target, lines):
    """The last line of defence holds, whatever the report says of it (see the bugs above)."""
    case = Rule(target, tuple(lines), None, "")
    before = database_state()
    for dry_run in (True, False):
        report = imported(world, case, dry_run=dry_run)
        assert report.problems and not report.applied
        assert database_state() == before


# Rules no row can break ----------------------------------------------------------------

IMPORTED_FIELDS = {c.field for c in (*MENTOR_COLUMNS, *MENTEE_COLUMNS, *PAIR_COLUMNS)}


@pytest.mark.parametrize(
    "field",
    [
        "processing_consent_by",  # «say who gave the consent»: the importer fills it
        "processing_consent_withdrawn",  # «never given cannot be withdrawn»
        "publication_consent_date",  # «publication needs processing first»
        "publication_consent_by",
        "publication_consent_withdrawn",
        "processing_consent_document",  # scans: private collection, one person's own
    ],
)
def test_the_fields_of_the_other_consent_rules_have_no_column(field):
    """Should a column write one of these, the rules on it need their row above."""
    assert field not in IMPORTED_FIELDS


def test_a_consent_date_from_a_file_always_says_who_gave_it(world):
    """«Say who gave the consent» cannot be broken by a row: the importer answers it, with
    the legal representative for a minor."""
    report = run_import(
        "ФИО;Несовершеннолетний;Законный представитель;Согласие на обработку ПД\n"
        "Сидоров Пётр;нет;;01.09.2026\n"
        "Лебедева Вика;да;Лебедева Ольга;01.09.2026\n".encode(),
        "mentees.csv",
        "mentees",
        dry_run=False,
        organization=world["school"],
    )
    assert report.applied, problem_lines(report)
    givers = dict(
        Mentee.objects.filter(processing_consent_date=D(2026, 9, 1)).values_list(
            "full_name", "processing_consent_by"
        )
    )
    assert givers == {"Сидоров Пётр": "person", "Лебедева Вика": "representative"}


# Whatever the fixture files create is valid ---------------------------------------------

FIXTURE_PAIRS = (
    "Наставник;Наставляемые;Форма наставничества;Статус;Дата начала;Дата окончания\n"
    "orlova.demo@example.com;Смирнова Елена Игоревна;Ученик – ученик;Формируется;"
    "01.09.2026;31.05.2027\n"
    "zuev.demo@example.com;Кузьмин Артём Олегович, Смирнова Елена Игоревна;"
    "Ученик – ученик;Формируется;01.09.2026;\n"
)


def invalid(objects) -> list[str]:
    failures = []
    for obj in objects:
        try:
            obj.full_clean()
        except Exception as error:  # each failure named, all listed
            failures.append(f"{type(obj).__name__} «{obj}» (pk {obj.pk}): {error}")
    return failures


def test_every_fixture_file_imports_records_that_pass_full_clean(home_page):
    roadmap = build_roadmap(home_page, stages=0, title="Дорожная карта школы", slug="school")
    files = sorted(p.name for p in FIXTURES.iterdir() if p.name != "make_fixtures.py")
    assert files == sorted([*MENTEE_FILES, *MENTOR_FILES, *ROADMAP_FILES])  # none left out
    for target, names in (("mentors", MENTOR_FILES), ("mentees", MENTEE_FILES)):
        for name in names:
            report = run_import((FIXTURES / name).read_bytes(), name, target, dry_run=False)
            assert report.applied, (name, problem_lines(report))
    for name in ROADMAP_FILES:
        report = run_roadmap_import((FIXTURES / name).read_bytes(), name, roadmap, dry_run=False)
        assert report.applied, (name, problem_lines(report))
    report = run_import(FIXTURE_PAIRS.encode(), "pairs.csv", "pairs", dry_run=False)
    assert report.applied, problem_lines(report)

    stages = list(StagePage.objects.child_of(roadmap))
    drafts = [stage.get_latest_revision_as_object() for stage in stages]
    activities = [activity for draft in drafts for activity in draft.activities.all()]
    assert (Mentor.objects.count(), Mentee.objects.count(), MentorshipPair.objects.count()) == (
        3,
        2,
        2,
    )
    assert stages and activities
    failures = invalid(
        [
            *Mentor.objects.all(),
            *Mentee.objects.all(),
            *MentorshipPair.objects.all(),
            *MentorshipForm.objects.all(),
            *Organization.objects.all(),
            *stages,
            *drafts,
            *activities,
        ]
    )
    assert failures == []
