"""The monitoring report: every figure on a hand-built programme year, a constant number of
queries whatever the data size, the organisations a user may see, their total, the page and
its xlsx."""

import datetime
import io
import re

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from tests.people_builders import (
    COORDINATORS,
    CURATORS,
    EDITORS,
    login_client,
    make_mentee,
    make_mentor,
    make_pair,
    school,
)
from tests.prepared_files import prepared
from wagtail_mentorship.models import (
    Mentee,
    Mentor,
    MentorshipForm,
    MentorshipPair,
    OrganizationHeadcount,
    PairMeeting,
)
from wagtail_mentorship.models.surveys import Survey, SurveyAnswer, SurveyQuestion, SurveyRound
from wagtail_mentorship.monitoring.figures import figure_rows
from wagtail_mentorship.monitoring.report import programme_report, programme_year_of
from wagtail_mentorship.monitoring.surveys.invitations import invite

pytestmark = pytest.mark.django_db
URL = reverse("wagtail_mentorship_monitoring_report")
YEAR = programme_year_of(timezone.localdate())  # the page's default year


def day(month, number, shift=0):
    """A day of the programme year ``YEAR``: September to December in its first calendar year."""
    return datetime.date(YEAR + shift + (month < 9), month, number)


def scale_survey(title, stage, question_text):
    survey = Survey.objects.create(title=title, stage=stage, audience=Survey.Audience.MENTEES)
    question = SurveyQuestion.objects.create(survey=survey, text=question_text)
    return question


def answered_round(question, pairs, opens_on, answers: dict, extra=None):
    """A round of ``question``'s survey for ``pairs``; ``answers`` maps the mentees who sent
    the form to their answer (None: saved, never sent)."""
    round_ = SurveyRound.objects.create(
        survey=question.survey, opens_on=opens_on, closes_on=opens_on + datetime.timedelta(30)
    )
    round_.pairs.set(pairs)
    invitations = {link.invitation.mentee: link.invitation for link in invite(round_)}
    for mentee, value in answers.items():
        invitation = invitations[mentee]
        SurveyAnswer.objects.create(invitation=invitation, question=question, value=value)
        if value is None:
            continue
        if extra:
            SurveyAnswer.objects.create(invitation=invitation, question=extra, value="—")
        invitation.submitted_at = timezone.now()
        invitation.save()
    return invitations


class Programme:
    """Two schools: «Лицей № 2» with a headcount, «СОШ № 7» without one."""

    def __init__(self):
        from wagtail_mentorship.models import MentorshipPair

        self.Status = MentorshipPair.Status
        self.lyceum = school()
        self.other = school("МБОУ «СОШ № 7»")
        OrganizationHeadcount.objects.create(
            organization=self.lyceum, year=YEAR, pupils=200, teachers=20
        )
        OrganizationHeadcount.objects.create(  # another year's: not this one's coverage
            organization=self.other, year=YEAR - 1, pupils=300, teachers=30
        )
        self.forms = {
            name: MentorshipForm.objects.get_or_create(name=name)[0]
            for name in ("Ученик – ученик", "Учитель – ученик", "Учитель – учитель")
        }
        self.satisfaction = scale_survey(
            "Удовлетворённость", Survey.Stage.SATISFACTION, "Полезны ли встречи?"
        )
        self.comment = SurveyQuestion.objects.create(
            survey=self.satisfaction.survey, kind=SurveyQuestion.Kind.TEXT, text="Что изменить?"
        )
        self.start = scale_survey("В начале", Survey.Stage.GROWTH_START, "Уверенность в себе")
        self.end = scale_survey("В конце", Survey.Stage.GROWTH_END, "Уверенность в себе")
        self.copies = 0
        self.add_copy()

    def add_copy(self):
        """The same people, pairs, meetings and answers once more, in the same schools."""
        self.copies += 1
        n, S, forms = self.copies, self.Status, self.forms
        teacher = {"category": "teacher"}
        pupil = {"category": "pupil"}
        m1 = make_mentor(f"Учитель Один {n}", **teacher)
        m2 = make_mentor(f"Учитель Два {n}", **teacher)
        m3 = make_mentor(f"Ученик Наставник {n}", **pupil)
        e1, e2, e3 = (make_mentee(f"Ученик {k} {n}", **pupil) for k in (1, 2, 3))
        e4 = make_mentee(f"Молодой учитель {n}", **teacher)
        old = make_pair(
            m1, [e3], S.TERMINATED, start_date=day(9, 1, -1), end_date=day(12, 1, -1)
        )  # the year before: counts nowhere
        PairMeeting.objects.create(pair=old, date=day(10, 1, -1))
        p1 = make_pair(
            m1, [e1, e2], S.ACTIVE, form=forms["Учитель – ученик"], start_date=day(9, 15)
        )
        p2 = make_pair(
            m3, [e3], S.COMPLETED, form=forms["Ученик – ученик"],
            start_date=day(10, 1), end_date=day(5, 20),
        )  # fmt: skip
        make_pair(m2, [e4], S.FORMING, form=forms["Учитель – учитель"])  # no start: created now
        make_pair(
            m2, [e1], S.TERMINATED, form=forms["Учитель – ученик"],
            start_date=day(9, 10), end_date=day(11, 1),
        )  # fmt: skip
        for date in (day(9, 20), day(10, 20), day(2, 1), day(9, 5, 1)):  # the last: next year
            PairMeeting.objects.create(pair=p1, date=date)
        PairMeeting.objects.create(pair=p2, date=day(5, 15))

        n1 = make_mentor(f"Учитель СОШ {n}", organization=self.other, **teacher)
        f1 = make_mentee(f"Ученик СОШ {n}", organization=self.other, **pupil)
        q1 = make_pair(n1, [f1], S.ACTIVE, form=forms["Учитель – ученик"], start_date=day(9, 1))
        PairMeeting.objects.create(pair=q1, date=day(9, 1))  # the year's first day
        PairMeeting.objects.create(pair=q1, date=day(8, 31))  # and its last

        # Satisfaction: e1 8, e2 6, e3 saved an answer, never sent; last year's not counted.
        answered_round(self.satisfaction, [p1, p2], day(12, 1), {e1: 8, e2: 6, e3: None})
        answered_round(self.satisfaction, [p2], day(12, 1, -1), {e3: 1})
        # Growth of e1 and e2: 4 → 8 and 6 → 7.
        answered_round(self.start, [p1], day(9, 20), {e1: 4, e2: 6})
        answered_round(self.end, [p1], day(5, 1), {e1: 8, e2: 7})
        answered_round(self.satisfaction, [q1], day(3, 1), {f1: 10}, extra=self.comment)

    def report(self):
        return programme_report([self.lyceum, self.other], YEAR)


@pytest.fixture
def programme():
    return Programme()


def test_every_figure_of_the_lyceum(programme):
    lyceum = programme.report().organizations[0]
    assert lyceum.organization == programme.lyceum
    assert (lyceum.mentors, lyceum.mentees) == (3, 4)
    assert (lyceum.teacher_mentors, lyceum.pupil_mentees) == (2, 3)
    assert (lyceum.headcount_teachers, lyceum.headcount_pupils) == (20, 200)
    assert lyceum.pupil_coverage == pytest.approx(0.015)
    assert lyceum.teacher_coverage == pytest.approx(0.1)
    assert [(f.form, f.mentors, f.mentees, f.pairs) for f in lyceum.by_form] == [
        ("Ученик – ученик", 1, 1, 1),
        ("Учитель – ученик", 2, 2, 2),
        ("Учитель – учитель", 1, 1, 1),
    ]
    assert lyceum.pairs == 4
    assert lyceum.by_status == {"active": 1, "completed": 1, "forming": 1, "terminated": 1}
    assert lyceum.completed_share == pytest.approx(0.25)
    assert lyceum.meetings == 4
    assert (lyceum.invited, lyceum.responded) == (7, 6)
    assert lyceum.response_rate == pytest.approx(6 / 7)
    assert [(m.survey, m.question, m.mean, m.answers) for m in lyceum.scale_means] == [
        ("В конце", "Уверенность в себе", 7.5, 2),
        ("В начале", "Уверенность в себе", 5.0, 2),
        ("Удовлетворённость", "Полезны ли встречи?", 7.0, 2),
    ]
    [growth] = lyceum.growth
    assert (growth.audience, growth.question) == ("mentees", "Уверенность в себе")
    assert (growth.start, growth.end, growth.change) == (5.0, 7.5, 2.5)


def test_every_figure_of_the_school_without_a_headcount(programme):
    other = programme.report().organizations[1]
    assert (other.mentors, other.mentees, other.teacher_mentors, other.pupil_mentees) == (
        1,
        1,
        1,
        1,
    )
    assert other.headcount_pupils is None and other.headcount_teachers is None
    assert other.pupil_coverage is None and other.teacher_coverage is None
    assert [(f.form, f.mentors, f.mentees, f.pairs) for f in other.by_form] == [
        ("Учитель – ученик", 1, 1, 1)
    ]
    assert (other.pairs, other.by_status, other.completed_share) == (1, {"active": 1}, 0)
    assert other.meetings == 2
    assert (other.invited, other.responded, other.response_rate) == (1, 1, 1)
    assert [(m.mean, m.answers) for m in other.scale_means] == [(10.0, 1)]
    assert other.growth == []


def test_the_query_count_does_not_grow_with_the_data(programme):
    with CaptureQueriesContext(connection) as once:
        programme.report()
    programme.add_copy()
    programme.add_copy()
    with CaptureQueriesContext(connection) as thrice:
        lyceum = programme.report().organizations[0]
    assert (lyceum.mentors, lyceum.pairs, lyceum.meetings, lyceum.invited) == (9, 12, 12, 21)
    assert lyceum.scale_means[0].mean == 7.5  # the means stay, with three times the answers
    assert len(thrice) == len(once) <= 10


def test_a_curator_sees_only_their_organisation(programme, django_user_model):
    curator = login_client(django_user_model, CURATORS, "curator")
    page = curator.get(URL).content.decode()
    assert "Лицей № 2" in page and "СОШ № 7" not in page
    # Another school asked for by its id gives nothing of it.
    page = curator.get(URL, {"organization": programme.other.pk}).content.decode()
    assert "СОШ № 7" not in page
    coordinator = login_client(django_user_model, COORDINATORS, "coordinator")
    page = coordinator.get(URL).content.decode()
    assert "Лицей № 2" in page and "СОШ № 7" in page
    editor = login_client(django_user_model, EDITORS, "editor")
    response = editor.get(URL)  # Wagtail sends a user without the right back to the dashboard
    assert response.status_code == 302 and "Лицей" not in response.content.decode()


def test_the_page_draws_charts_with_tables_and_links_from_reports(programme, django_user_model):
    coordinator = login_client(django_user_model, COORDINATORS, "coordinator")
    response = coordinator.get(URL, {"year": YEAR})
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('<svg role="img" aria-labelledby="chart-') == 6  # 3 a school
    # Each chart followed by its figures as a table, for a screen reader.
    assert len(re.findall(r"</svg>\s*<table", page)) == 6
    assert gettext("Figures of the programme by organisation") in page
    assert "1,5 %" in page and "10,0 %" in page  # the lyceum's coverage of pupils and teachers
    assert "5,0 → 7,5 (+2,5)" in page
    assert 'id="chart-status-0-title"' in page
    assert URL in coordinator.get(reverse("wagtailadmin_home")).content.decode()


def test_the_xlsx_holds_the_figures(programme, django_user_model):
    coordinator = login_client(django_user_model, COORDINATORS, "coordinator")
    response = prepared(coordinator, URL, {"year": YEAR}, post={"export": "xlsx"})
    assert response["Content-Disposition"].endswith(f"{YEAR}-{YEAR + 1}.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    content = b"".join(response.streaming_content)
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    rows = {row[0]: list(row[1:]) for row in sheet.iter_rows(values_only=True)}
    assert rows[gettext("Figure")] == ["МАОУ «Лицей № 2»", "МБОУ «СОШ № 7»", gettext("Total")]
    assert rows[gettext("Mentors")] == [3, 1, 4]
    assert rows[gettext("Pupils in the organisation")] == [200, "—", "—"]
    assert rows[gettext("Meetings held")] == [4, 2, 6]
    assert rows[gettext("Response rate")] == ["85,7 %", "100,0 %", "87,5 %"]
    assert rows["Удовлетворённость: Полезны ли встречи?"] == ["7,0", "10,0", "8,0"]


def total_column(report) -> dict:
    """Figure → the total column's value, as the page, the xlsx and the docx show it."""
    return {str(label): values[-1] for label, values in figure_rows(report)}


def test_the_total_sums_counts_and_recomputes_shares_and_means(programme):
    report = programme.report()
    assert str(report.columns[-1].organization) == gettext("Total")
    total = total_column(report)
    for figure, expected in {
        "Mentors": 4,
        "Mentees": 5,
        "Pupils among mentees": 4,
        "Teachers among mentors": 3,
        "Pairs and groups": 5,
        "Meetings held": 6,
        "Survey invitations": 8,
        "Surveys answered": 7,
        # A school without its headcount leaves the total's headcount and coverage unknown.
        "Pupils in the organisation": "—",
        "Coverage of pupils": "—",
        # 1 completed of 5 pairs, not (25 % + 0 %) / 2.
        "Completed share": "20,0 %",
        # 7 of 8 invitations, not (85,7 % + 100 %) / 2.
        "Response rate": "87,5 %",
    }.items():
        assert total[gettext(figure)] == expected, figure
    statuses = dict(MentorshipPair.Status.choices)
    assert [total[str(statuses[s])] for s in ("forming", "active", "completed", "terminated")] == [
        1,
        2,
        1,
        1,
    ]
    form_row = gettext("%(form)s: mentors / mentees / pairs")
    assert total[form_row % {"form": "Учитель – ученик"}] == "3 / 3 / 3"
    assert total[form_row % {"form": "Ученик – ученик"}] == "1 / 1 / 1"
    # Two answers of 8 and 6 in the lyceum, one of 10 in the other: 8,0, not (7 + 10) / 2.
    assert total["Удовлетворённость: Полезны ли встречи?"] == "8,0"
    growth = gettext("Growth, %(audience)s: %(question)s") % {
        "audience": "наставляемые",
        "question": "Уверенность в себе",
    }
    assert total[growth] == "5,0 → 7,5 (+2,5)"


def test_the_total_coverage_divides_the_summed_parts(programme):
    OrganizationHeadcount.objects.create(
        organization=programme.other, year=YEAR, pupils=300, teachers=30
    )
    total = total_column(programme.report())
    assert total[gettext("Pupils in the organisation")] == 500
    assert total[gettext("Coverage of pupils")] == "0,8 %"  # 4 of 500, not (1,5 % + 0,3 %) / 2
    assert total[gettext("Coverage of teachers")] == "6,0 %"  # 3 of 50, not (10 % + 3,3 %) / 2


def test_the_total_counts_a_mentor_of_two_organisations_once(programme):
    """A lyceum teacher also mentors a pupil of «СОШ № 7»: one more mentor in each column,
    but the same person in the total."""
    teacher = Mentor.objects.get(full_name="Учитель Один 1")
    pupil = make_mentee("Второй Ученик СОШ", organization=programme.other, category="pupil")
    make_pair(
        teacher, [pupil], MentorshipPair.Status.ACTIVE, organization=programme.other,
        form=programme.forms["Учитель – ученик"], start_date=day(9, 20),
    )  # fmt: skip
    report = programme.report()
    assert [f.mentors for f in report.organizations] == [3, 2]
    total = total_column(report)
    assert total[gettext("Mentors")] == 4  # 3 + 2 − the one counted in both
    assert total[gettext("Teachers among mentors")] == 3
    form_row = gettext("%(form)s: mentors / mentees / pairs")
    assert total[form_row % {"form": "Учитель – ученик"}] == "3 / 4 / 4"


def test_the_total_growth_is_of_the_organisations_that_asked_at_both_ends(programme):
    """«СОШ № 7» asks the start only (3): its answer must not pull the total's start down."""
    first = Mentee.objects.get(full_name="Ученик СОШ 1")
    pair = first.pairs.get()
    answered_round(programme.start, [pair], day(9, 25), {first: 3})
    total = total_column(programme.report())
    growth = gettext("Growth, %(audience)s: %(question)s") % {
        "audience": "наставляемые",
        "question": "Уверенность в себе",
    }
    assert total[growth] == "5,0 → 7,5 (+2,5)"  # the lyceum's alone, not (4 + 6 + 3) / 3


def test_the_page_shows_the_total_beside_several_organisations_only(programme, django_user_model):
    coordinator = login_client(django_user_model, COORDINATORS, "coordinator")
    page = coordinator.get(URL, {"year": YEAR}).content.decode()
    assert f'<th scope="col">{gettext("Total")}</th>' in page
    assert "<td>87,5 %</td>" in page
    one = coordinator.get(URL, {"year": YEAR, "organization": programme.lyceum.pk})
    assert f'<th scope="col">{gettext("Total")}</th>' not in one.content.decode()
    report = programme.report()
    with CaptureQueriesContext(connection) as queries:
        assert len(report.columns) == 3
    assert len(queries) == 0  # the total is added up from the figures already read


def test_a_coordinator_enters_the_headcount_on_the_organisation(django_user_model):
    lyceum = school()
    coordinator = login_client(django_user_model, COORDINATORS, "coordinator")
    url = reverse("wagtailsnippets_wagtail_mentorship_organization:edit", args=[lyceum.pk])
    assert "headcounts-FORMS" in coordinator.get(url).content.decode()
    data = nested_form_data(
        {
            "name": lyceum.name,
            "short_name": "",
            "kind": "school",
            "headcounts": inline_formset([{"year": YEAR, "pupils": 640, "teachers": 48}]),
        }
    )
    response = coordinator.post(url, data)
    assert response.status_code == 302
    headcount = lyceum.headcounts.get()
    assert (headcount.year, headcount.pupils, headcount.teachers) == (YEAR, 640, 48)
    assert programme_report([lyceum], YEAR).organizations[0].headcount_pupils == 640
