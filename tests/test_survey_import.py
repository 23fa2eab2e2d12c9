"""A survey round's answers from a Google or Yandex Forms export: uploaded on the round,
matched to its participants by e-mail, checked in the preview, written all or nothing."""

import datetime
import io
from datetime import UTC

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from tests.import_helpers import map_columns
from tests.people_builders import (
    CURATORS,
    login_client,
    make_mentee,
    make_mentor,
    make_pair,
    school,
)
from wagtail_mentorship.importing.pipeline import run_survey_import
from wagtail_mentorship.importing.survey_answers import answered_at
from wagtail_mentorship.models import Organization, PersonalDataLogEntry, SpreadsheetImport
from wagtail_mentorship.models.surveys import (
    Survey,
    SurveyAnswer,
    SurveyInvitation,
    SurveyQuestion,
    SurveyRound,
)
from wagtail_mentorship.monitoring.report import programme_report, programme_year_of
from wagtail_mentorship.monitoring.surveys.invitations import invite

pytestmark = pytest.mark.django_db
ROUNDS = "wagtailsnippets_wagtail_mentorship_surveyround"
COMFORT = "Насколько вам комфортно работать с наставником?"
FORMAT = "Какой формат встреч вам удобнее?"
USEFUL = "Что было полезным?"
IDEAS = "Ваши предложения"
HEADERS = ["Отметка времени", "Адрес электронной почты", COMFORT, FORMAT, USEFUL, IDEAS]


def make_survey(audience=Survey.Audience.MENTEES):
    survey = Survey.objects.create(
        title="Удовлетворённость", stage="satisfaction", audience=audience
    )
    questions = [
        ("scale", COMFORT, "", True),
        ("choice", FORMAT, "Очно\nОнлайн", True),
        ("choices", USEFUL, "Беседы, советы\nЗанятия\nЭкскурсии", False),
        ("text", IDEAS, "", False),
    ]
    for order, (kind, text, choices, required) in enumerate(questions):
        SurveyQuestion.objects.create(
            survey=survey, sort_order=order, kind=kind, text=text, choices=choices,
            required=required,
        )  # fmt: skip
    return survey


@pytest.fixture
def mentees_round():
    """A round of two mentees' satisfaction, closed already: answers collected on paper."""
    mentor = make_mentor("Иванова Анна Петровна", email="ivanova@example.org")
    smirnov = make_mentee("Смирнов Илья", email="smirnov@example.org")
    orlova = make_mentee("Орлова Дарья", email="Orlova@Example.org")
    today = timezone.localdate()
    round_ = SurveyRound.objects.create(
        survey=make_survey(),
        organization=school(),
        opens_on=today - datetime.timedelta(days=30),
        closes_on=today - datetime.timedelta(days=1),
    )
    round_.pairs.set([make_pair(mentor, [smirnov, orlova])])
    invite(round_)
    return round_


def invitation_of(round_, full_name):
    return round_.invitations.get(mentee__full_name=full_name)


def xlsx(rows, headers=HEADERS) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Ответы на форму (1)"
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv(rows, headers=HEADERS, encoding="utf-8", delimiter=",") -> bytes:
    def cell(value):
        value = str(value)
        return f'"{value}"' if delimiter in value or '"' in value else value

    lines = [delimiter.join(cell(v) for v in line) for line in [headers, *rows]]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def preview(round_, content, filename="answers.csv", mapping=None):
    return run_survey_import(content, filename, round_, dry_run=True, mapping=mapping)


@pytest.fixture
def curator(django_user_model):
    return login_client(django_user_model, CURATORS, "curator")


def upload(client, round_, content, filename):
    url = reverse(f"{ROUNDS}:import", args=[round_.pk])
    response = client.post(url, {"file": SimpleUploadedFile(filename, content)})
    assert response.status_code == 302, response.content[:500]
    return SpreadsheetImport.objects.get(survey_round=round_), response["Location"]


def answers_of(invitation) -> dict:
    return {a.question.text: a.value for a in invitation.answers.select_related("question")}


# The happy path


def test_a_google_forms_xlsx_is_previewed_then_written_with_its_timestamps(curator, mentees_round):
    answered = datetime.datetime(2025, 10, 1, 15, 20, 5)
    rows = [
        [answered, "smirnov@example.org", 9, "Онлайн", "Беседы, советы, Экскурсии", "Чаще"],
        [answered + datetime.timedelta(hours=1), "orlova@example.org", 7.0, "очно", "", ""],
    ]
    pending, preview_url = upload(curator, mentees_round, xlsx(rows), "Ответы.xlsx")

    page = curator.get(preview_url).content.decode()
    assert 'data-count="new">2<' in page and 'data-count="invalid">0<' in page
    smirnov_row = page.split('data-answer-row="2"')[1].split("</tr>")[0]
    assert "Смирнов Илья" in smirnov_row and "01.10.2025 15:20" in smirnov_row
    assert "Беседы, советы, Экскурсии" in smirnov_row and "Чаще" in smirnov_row
    assert not SurveyAnswer.objects.exists()  # nothing written by the preview

    response = curator.post(preview_url, {"action": "confirm"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        f"{ROUNDS}:invitations", args=[mentees_round.pk]
    )
    smirnov = invitation_of(mentees_round, "Смирнов Илья")
    assert answers_of(smirnov) == {
        COMFORT: 9,
        FORMAT: "Онлайн",
        USEFUL: ["Беседы, советы", "Экскурсии"],  # a choice with a comma of its own, whole
        IDEAS: "Чаще",
    }
    assert smirnov.submitted_at == timezone.make_aware(answered)
    orlova = invitation_of(mentees_round, "Орлова Дарья")  # e-mail matched whatever its case
    assert answers_of(orlova) == {COMFORT: 7, FORMAT: "Очно", USEFUL: None, IDEAS: None}

    pending.refresh_from_db()
    assert pending.status == SpreadsheetImport.Status.APPLIED and not pending.file
    entry = ModelLogEntry.objects.get(action="wagtail_mentorship.import")
    assert entry.object_id == str(mentees_round.pk) and entry.user_id == curator.user.pk
    trail = PersonalDataLogEntry.objects.filter(action="wagtail_mentorship.import")
    assert {e.label for e in trail} == {"Смирнов Илья", "Орлова Дарья"}


def test_a_yandex_forms_csv_in_cp1251_is_read(mentees_round):
    headers = ["ID", "Время создания", "Электронная почта", COMFORT, FORMAT]
    rows = [["1", "2025-10-02 09:05:00", "smirnov@example.org", "10", "Очно"]]
    content = csv(rows, headers, encoding="cp1251", delimiter=";")
    report = run_survey_import(content, "yandex.csv", mentees_round, dry_run=False)
    assert report.applied, report.problems
    smirnov = invitation_of(mentees_round, "Смирнов Илья")
    assert answers_of(smirnov)[COMFORT] == 10 and answers_of(smirnov)[FORMAT] == "Очно"
    assert timezone.localtime(smirnov.submitted_at).replace(tzinfo=None) == datetime.datetime(
        2025, 10, 2, 9, 5
    )
    ignored = [c.header for c in report.columns if c.kind == "ignored"]
    assert ignored == ["ID"]


@pytest.mark.parametrize(
    "header", ["Адрес электронной почты", "Email Address", "E-mail", "Электронная почта"]
)
def test_the_email_column_is_found_by_each_of_its_names(mentees_round, header):
    rows = [["01.10.2025 10:00:00", "smirnov@example.org", "8", "Очно", "", ""]]
    headers = ["Timestamp", header, *HEADERS[2:]]
    report = preview(mentees_round, csv(rows, headers))
    assert report.ok, report.problems
    [row] = report.rows
    assert row.values[0][1].startswith("Смирнов Илья (МАОУ «Лицей № 2»")


def test_without_a_timestamp_the_answer_is_dated_now(mentees_round):
    rows = [["smirnov@example.org", "8", "Очно"]]
    before = timezone.now()
    report = run_survey_import(
        csv(rows, ["E-mail", COMFORT, FORMAT]), "a.csv", mentees_round, dry_run=False
    )
    assert report.applied
    assert invitation_of(mentees_round, "Смирнов Илья").submitted_at >= before


def test_answers_given_through_the_link_are_replaced(mentees_round):
    smirnov = invitation_of(mentees_round, "Смирнов Илья")
    comfort = mentees_round.survey.questions.get(text=COMFORT)
    SurveyAnswer.objects.create(invitation=smirnov, question=comfort, value=2)
    smirnov.submitted_at = timezone.now() - datetime.timedelta(days=3)
    smirnov.save()
    rows = [["smirnov@example.org", "6", "Онлайн"]]
    content = csv(rows, ["E-mail", COMFORT, FORMAT])
    assert preview(mentees_round, content).rows[0].state == "updated_undated"  # no time
    report = run_survey_import(content, "a.csv", mentees_round, dry_run=False)
    assert report.count("updated") == 1
    smirnov.refresh_from_db()
    assert answers_of(smirnov)[COMFORT] == 6
    assert SurveyAnswer.objects.filter(invitation=smirnov).count() == 4
    assert smirnov.updated_at is not None


# The same person twice


def test_the_later_answer_of_the_same_person_wins_and_the_preview_says_so(curator, mentees_round):
    rows = [
        ["02.10.2025 12:00:00", "smirnov@example.org", "9", "Онлайн", "", "Позже"],
        ["01.10.2025 12:00:00", "smirnov@example.org", "3", "Очно", "", "Раньше"],
    ]
    _pending, preview_url = upload(curator, mentees_round, csv(rows), "answers.csv")
    page = curator.get(preview_url).content.decode()
    assert 'data-dropped-row="3"' in page and 'data-dropped-row="2"' not in page
    assert "Более поздний ответ того же участника (" in page
    assert ") — в строке 2: загружаются ответы из неё, а из этой строки — нет." in page
    assert 'data-count="new">1<' in page and 'data-count="replaced">1<' in page
    curator.post(preview_url, {"action": "confirm"})
    assert answers_of(invitation_of(mentees_round, "Смирнов Илья"))[IDEAS] == "Позже"


# Rows left out by rule: listed with why, and the rest of the file imported


def dropped_row(page, number) -> str:
    return page.split(f'data-dropped-row="{number}"')[1].split("</tr>")[0]


def test_a_participant_who_withdrew_consent_is_left_out_and_the_rest_imports(
    curator, mentees_round
):
    orlova = invitation_of(mentees_round, "Орлова Дарья")
    orlova.mentee.processing_consent_withdrawn = timezone.localdate()
    orlova.mentee.save()
    rows = [
        ["01.10.2025 10:00:00", "smirnov@example.org", "8", "Очно", "", ""],
        ["01.10.2025 11:00:00", "orlova@example.org", "3", "Онлайн", "", "Моё мнение"],
    ]
    _pending, preview_url = upload(curator, mentees_round, csv(rows), "answers.csv")
    page = curator.get(preview_url).content.decode()
    dropped = dropped_row(page, 3)
    assert "Орлова Дарья" in dropped and EMAIL_COLUMN in dropped
    assert "отозвал согласие на обработку персональных данных: ответы не загружаются." in dropped
    assert 'data-answer-row="3"' not in page and 'data-answer-row="2"' in page
    assert 'data-count="withdrawn">1<' in page and 'data-count="new">1<' in page
    assert 'value="confirm"' in page  # the rest of the file may be imported

    curator.post(preview_url, {"action": "confirm"})
    orlova.refresh_from_db()
    assert not orlova.answers.exists() and orlova.submitted_at is None
    assert answers_of(invitation_of(mentees_round, "Смирнов Илья"))[COMFORT] == 8
    trail = PersonalDataLogEntry.objects.filter(action="wagtail_mentorship.import")
    assert {e.label for e in trail} == {"Смирнов Илья"}


def test_a_withdrawal_recorded_ahead_does_not_leave_the_row_out_yet(mentees_round):
    orlova = invitation_of(mentees_round, "Орлова Дарья")
    orlova.mentee.processing_consent_withdrawn = timezone.localdate() + datetime.timedelta(days=1)
    orlova.mentee.save()
    report = preview(mentees_round, csv([["orlova@example.org", "8", "Очно"]], HEADERS[1:4]))
    assert not report.notes and [r.row for r in report.rows] == [2]


def answered_online(invitation, moment, comfort):
    question = invitation.round.survey.questions.get(text=COMFORT)
    SurveyAnswer.objects.create(invitation=invitation, question=question, value=comfort)
    invitation.submitted_at = moment
    invitation.save()


def test_answers_given_later_through_the_link_are_kept(curator, mentees_round):
    smirnov = invitation_of(mentees_round, "Смирнов Илья")
    online = timezone.make_aware(datetime.datetime(2025, 10, 5, 18, 30))
    answered_online(smirnov, online, comfort=10)
    rows = [
        ["01.10.2025 10:00:00", "smirnov@example.org", "4", "Очно", "", "Из таблицы"],
        ["01.10.2025 11:00:00", "orlova@example.org", "7", "Онлайн", "", ""],
    ]
    _pending, preview_url = upload(curator, mentees_round, csv(rows), "answers.csv")
    page = curator.get(preview_url).content.decode()
    dropped = dropped_row(page, 2)
    assert "Смирнов Илья" in dropped and "Отметка времени" in dropped
    assert "позже ответил по личной ссылке (05.10.2025 18:30): ответы из таблицы" in dropped
    assert 'data-answer-row="2"' not in page and 'data-answer-row="3"' in page
    assert 'data-count="answered_later">1<' in page and 'value="confirm"' in page

    curator.post(preview_url, {"action": "confirm"})
    smirnov.refresh_from_db()
    assert answers_of(smirnov) == {COMFORT: 10}  # the online answers, untouched
    assert (smirnov.submitted_at, smirnov.updated_at) == (online, None)
    assert answers_of(invitation_of(mentees_round, "Орлова Дарья"))[COMFORT] == 7


def test_a_row_later_than_the_online_answers_replaces_them(mentees_round):
    smirnov = invitation_of(mentees_round, "Смирнов Илья")
    answered_online(smirnov, timezone.make_aware(datetime.datetime(2025, 10, 1, 9, 0)), 10)
    rows = [["01.10.2025 10:00:00", "smirnov@example.org", "4", "Очно", "", ""]]
    report = run_survey_import(csv(rows), "a.csv", mentees_round, dry_run=False)
    assert report.applied and not report.notes and report.count("updated") == 1
    smirnov.refresh_from_db()
    assert answers_of(smirnov)[COMFORT] == 4
    answered = timezone.make_aware(datetime.datetime(2025, 10, 1, 10, 0))
    assert (smirnov.submitted_at, smirnov.updated_at) == (answered, answered)
    # The same file again is not taken for answers given later through the link.
    report = run_survey_import(csv(rows), "a.csv", mentees_round, dry_run=False)
    assert report.applied and not report.notes and report.count("updated") == 1


def test_a_row_without_a_time_replaces_the_online_answers_and_the_preview_says_so(
    curator, mentees_round
):
    smirnov = invitation_of(mentees_round, "Смирнов Илья")
    answered_online(smirnov, timezone.now() - datetime.timedelta(hours=1), comfort=10)
    content = csv([["smirnov@example.org", "4", "Очно"]], ["E-mail", COMFORT, FORMAT])
    _pending, preview_url = upload(curator, mentees_round, content, "answers.csv")
    page = curator.get(preview_url).content.decode()
    assert (
        "заменит ответы, данные по личной ссылке, даже если они более поздние"
        in (page.split('data-answer-row="2"')[1].split("</tr>")[0])
    )
    assert 'data-count="updated">1<' in page and "data-dropped-row" not in page
    curator.post(preview_url, {"action": "confirm"})
    assert answers_of(invitation_of(mentees_round, "Смирнов Илья"))[COMFORT] == 4


# Bad rows: each reported with its row, column and why; nothing written


EMAIL_COLUMN = "Адрес электронной почты"
NOBODY = "Среди приглашённых в это анкетирование нет участника с адресом nobody@example.org."
BAD_ROWS = [
    (["nobody@example.org", "8", "Очно"], EMAIL_COLUMN, NOBODY),
    (["smirnov@example.org", "11", "Очно"], COMFORT, "«11» — вне шкалы от 1 до 10."),
    (["smirnov@example.org", "восемь", "Очно"], COMFORT, "«восемь» — не целое число."),
    (["smirnov@example.org", "8", "Лично"], FORMAT, "«Лично» — не из списка: Очно, Онлайн."),
    (
        ["smirnov@example.org", "", "Очно"],
        COMFORT,
        "Ответ на этот вопрос обязателен, а ячейка пуста.",
    ),
    (
        ["", "8", "Очно"],
        EMAIL_COLUMN,
        "Адрес электронной почты не заполнен: ответы нельзя сопоставить с участником.",
    ),
]


@pytest.mark.parametrize(("cells", "column", "message"), BAD_ROWS)
def test_a_bad_row_is_named_with_its_column_and_why(mentees_round, cells, column, message):
    headers = [EMAIL_COLUMN, COMFORT, FORMAT]
    good = ["orlova@example.org", "5", "Онлайн"]
    report = preview(mentees_round, csv([good, cells], headers))
    assert [(p.row, p.column) for p in report.problems] == [(3, column)]
    assert report.problems[0].message.startswith(message)
    assert not report.ok


def test_an_unknown_choice_among_several_is_named(mentees_round):
    rows = [["smirnov@example.org", "8", "Очно", "Занятия, Походы"]]
    report = preview(mentees_round, csv(rows, ["E-mail", COMFORT, FORMAT, USEFUL]))
    [problem] = report.problems
    assert (problem.row, problem.column) == (2, USEFUL)
    assert problem.message.startswith("«Походы» — не из списка")


def test_a_failed_confirmation_leaves_the_database_as_it_was(curator, mentees_round):
    rows = [
        ["01.10.2025 10:00:00", "smirnov@example.org", "8", "Очно", "", ""],
        ["01.10.2025 11:00:00", "orlova@example.org", "12", "Очно", "", ""],
    ]
    pending, preview_url = upload(curator, mentees_round, csv(rows), "answers.csv")
    page = curator.get(preview_url).content.decode()
    assert 'value="confirm"' not in page  # the preview offers no confirmation
    response = curator.post(preview_url, {"action": "confirm"})
    assert response.status_code == 200
    assert "«12» — вне шкалы от 1 до 10." in response.content.decode()
    assert not SurveyAnswer.objects.exists()
    assert not SurveyInvitation.objects.filter(submitted_at__isnull=False).exists()
    pending.refresh_from_db()
    assert pending.status == SpreadsheetImport.Status.PENDING
    assert not ModelLogEntry.objects.filter(action="wagtail_mentorship.import").exists()


def test_siblings_sharing_a_parents_email_are_named_and_not_guessed():
    mentor = make_mentor("Иванова Анна Петровна")
    parent = {"is_minor": True, "representative_email": "parent@example.org"}
    sister = make_mentee("Кузнецова Вера", class_name="5 А", **parent)
    brother = make_mentee("Кузнецов Павел", class_name="8 Б", **parent)
    other = make_mentee("Лебедева Мария", is_minor=True, representative_email="m@example.org")
    today = timezone.localdate()
    round_ = SurveyRound.objects.create(
        survey=make_survey(Survey.Audience.REPRESENTATIVES),
        organization=school(),
        opens_on=today,
        closes_on=today,
    )
    round_.pairs.set([make_pair(mentor, [sister, brother, other])])
    invite(round_)
    rows = [["parent@example.org", "8", "Очно"], ["M@example.org", "9", "Онлайн"]]
    report = preview(round_, csv(rows, ["E-mail", COMFORT, FORMAT]))
    [problem] = report.problems
    assert (problem.row, problem.column) == (2, "E-mail")
    assert problem.message.startswith(
        "Адрес parent@example.org указан у нескольких участников этого анкетирования: "
    )
    assert "Кузнецова Вера (5 А" in problem.message and "Кузнецов Павел (8 Б" in problem.message
    # The other row is matched: to the legal representative of its mentee.
    assert [r.row for r in report.rows] == [3]
    assert "Лебедева Мария" in report.rows[0].values[0][1]


def test_a_required_question_without_a_column_is_named(mentees_round):
    report = preview(mentees_round, csv([["smirnov@example.org", "8"]], ["E-mail", COMFORT]))
    assert [(p.row, p.message) for p in report.problems] == [
        (
            None,
            f"Нет столбца с ответами на обязательный вопрос «{FORMAT}»: укажите его столбец ниже.",
        )
    ]


# Columns: a trimmed header is recognised, another is mapped by hand


def test_a_trimmed_question_is_recognised_and_another_is_mapped_by_hand(curator, mentees_round):
    headers = ["Отметка времени", "E-mail", "Насколько вам комфортно", "Формат"]
    rows = [["01.10.2025 10:00:00", "smirnov@example.org", "8", "Очно"]]
    _pending, preview_url = upload(curator, mentees_round, csv(rows, headers), "a.csv")
    report = curator.get(preview_url).context["report"]
    assert report.matched[f"q{mentees_round.survey.questions.get(text=COMFORT).pk}"] == headers[2]
    assert not report.ok  # «Формат» is too short to tell: the curator maps it
    format_field = f"q{mentees_round.survey.questions.get(text=FORMAT).pk}"
    map_columns(curator, preview_url, {"Формат": format_field})
    report = curator.get(preview_url).context["report"]
    assert report.ok, report.problems
    assert report.rows[0].values[3] == (FORMAT, "Очно")


# Who may import


def test_the_rounds_listing_offers_the_upload(curator, mentees_round):
    html = curator.get(reverse(f"{ROUNDS}:list")).content.decode()
    assert reverse(f"{ROUNDS}:import", args=[mentees_round.pk]) in html
    assert "Загрузить ответы из таблицы" in html


def test_another_schools_curator_finds_neither_the_round_nor_the_upload(
    django_user_model, curator, mentees_round
):
    rows = [["smirnov@example.org", "8", "Очно"]]
    _pending, preview_url = upload(
        curator, mentees_round, csv(rows, ["E-mail", COMFORT, FORMAT]), "a.csv"
    )
    other = Organization.objects.create(name="МБОУ «СОШ № 9»")
    stranger = login_client(django_user_model, CURATORS, "stranger", organizations=[other])
    import_url = reverse(f"{ROUNDS}:import", args=[mentees_round.pk])
    assert stranger.get(import_url).status_code == 404
    assert stranger.get(preview_url).status_code == 404
    assert stranger.post(preview_url, {"action": "confirm"}).status_code == 404
    # A colleague of the same school does not confirm the curator's upload either.
    colleague = login_client(django_user_model, CURATORS, "colleague")
    assert colleague.post(preview_url, {"action": "confirm"}).status_code == 404
    assert not SurveyAnswer.objects.exists()


# The report


def test_imported_answers_count_in_the_response_rate(mentees_round):
    rows = [["smirnov@example.org", "8", "Очно"]]
    run_survey_import(csv(rows, ["E-mail", COMFORT, FORMAT]), "a.csv", mentees_round, dry_run=False)
    year = programme_year_of(mentees_round.opens_on)
    figures = programme_report([mentees_round.organization], year).organizations[0]
    assert (figures.invited, figures.responded) == (2, 1)
    assert figures.response_rate == pytest.approx(0.5)
    assert [(m.question, m.mean) for m in figures.scale_means] == [(COMFORT, 8)]


# Timestamps as the services write them


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("01.10.2025 15:20:05", datetime.datetime(2025, 10, 1, 15, 20, 5)),
        ("2025-10-01 15:20:05", datetime.datetime(2025, 10, 1, 15, 20, 5)),
        ("2025/10/01 3:20:05 PM GMT+3", datetime.datetime(2025, 10, 1, 12, 20, 5, tzinfo=UTC)),
    ],
)  # fmt: skip
def test_a_forms_timestamp_is_read(written, expected):
    if expected.tzinfo is None:
        expected = timezone.make_aware(expected)
    assert answered_at(written) == expected


def test_an_unreadable_timestamp_is_none():
    assert answered_at("вчера") is None
