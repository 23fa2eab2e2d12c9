"""«Итоги программы»: every published figure on a hand-built programme year, and the rule that
a figure computed from fewer than 5 people never shows its number on any public page."""

import datetime
import json
import re

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, streamfield

from tests.builders import build_practice, build_practices_index, build_roadmap, build_site
from tests.people_builders import make_mentee, make_mentor, make_pair, school
from wagtail_mentorship.models import MentorshipForm, OrganizationHeadcount
from wagtail_mentorship.models.surveys import Survey, SurveyAnswer, SurveyQuestion, SurveyRound
from wagtail_mentorship.monitoring.public_results import (
    count_figure,
    grouped_forms,
    mean_figure,
    public_results,
    share_figure,
)
from wagtail_mentorship.monitoring.report import FormFigures, programme_report, programme_year_of
from wagtail_mentorship.monitoring.satisfaction import satisfaction_by_audience
from wagtail_mentorship.monitoring.surveys.invitations import invite
from wagtail_mentorship.public.blocks import ProgrammeResultsBlock

YEAR = programme_year_of(timezone.localdate())
FEWER, WITHHELD = "менее 5", "не приводится"
STARTED = datetime.date(YEAR, 9, 15)
PUPIL, TEACHER = {"category": "pupil"}, {"category": "teacher"}


def test_a_count_below_five_is_never_its_number():
    assert [str(count_figure(n)) for n in (0, 1, 4, 5, 17)] == [FEWER, FEWER, FEWER, "5", "17"]
    assert count_figure(4).suppressed and not count_figure(5).suppressed


def test_a_share_or_mean_of_fewer_than_five_people_is_suppressed():
    assert str(share_figure(4, 100)) == FEWER
    assert str(share_figure(6, 80)) == "7,5 %"
    assert share_figure(5, None) is None  # no headcount: no row at all
    assert str(mean_figure(4, 9.0)) == FEWER
    assert str(mean_figure(5, 7.6)) == "7,6 из 10"


def test_a_share_leaving_out_fewer_than_five_is_not_shown():
    # 5 of 6 teachers: «83,3 %» would say that exactly one teacher takes no part.
    assert str(share_figure(5, 6)) == WITHHELD
    assert str(share_figure(9, 9)) == WITHHELD  # 100 %: every one of a small staff
    assert str(share_figure(5, 10)) == "50,0 %"


def forms(*rows):
    return [FormFigures(name, *figures) for name, figures in rows]


def names(rows):
    return [row.form for row in rows]


def test_small_forms_are_shown_together_and_never_alone():
    # A lone small form takes the smallest other with it: the total minus the other rows
    # would give it back.
    alone, together = grouped_forms(forms(("А", (6, 6, 6)), ("Б", (9, 9, 9)), ("В", (2, 2, 2))))
    assert (names(alone), names(together)) == (["Б"], ["В", "А"])
    # 1 / 5 / 20: «менее 5» beside «не приводится» pinned both; together they are one sum.
    alone, together = grouped_forms(forms(("А", (1, 1, 1)), ("Б", (5, 5, 5)), ("В", (20, 9, 20))))
    assert (names(alone), names(together)) == (["В"], ["А", "Б"])
    alone, together = grouped_forms(forms(("А", (4, 4, 4)), ("Б", (4, 4, 4)), ("В", (30, 9, 30))))
    assert (names(alone), names(together)) == (["В"], ["А", "Б"])
    # A form is small when any of its figures is.
    alone, together = grouped_forms(forms(("А", (5, 3, 9)), ("Б", (5, 5, 5)), ("В", (7, 7, 7))))
    assert (names(alone), names(together)) == (["В"], ["А", "Б"])
    assert grouped_forms(forms(("А", (5, 5, 5)), ("Б", (9, 9, 9)))) == (
        forms(("А", (5, 5, 5)), ("Б", (9, 9, 9))),
        [],
    )


class Programme:
    """«Лицей № 2» in the year ``YEAR`` (120 pupils, 40 teachers):

    - «Ученик – ученик»: 5 pupils mentor 5 pupils, one pair each;
    - «Учитель – ученик»: 2 teachers mentor 4 pupils in two groups: the 4-person cell;
    - «Учитель – учитель»: 3 teachers mentor 3 young specialists.

    The mentors of the last two forms (5) rate the programme 6, 7, 8, 9, 10; the 4 mentees of
    «Учитель – ученик» rate it 10 each.
    """

    def __init__(self):
        self.lyceum = school()
        OrganizationHeadcount.objects.create(
            organization=self.lyceum, year=YEAR, pupils=120, teachers=40
        )
        form = {
            name: MentorshipForm.objects.get_or_create(name=name)[0]
            for name in ("Ученик – ученик", "Учитель – ученик", "Учитель – учитель")
        }
        self.names = []
        peers = [
            make_pair(
                self.mentor(f"Старшеклассник{n}", **PUPIL),
                [self.mentee(f"Пятиклассник{n}", **PUPIL)],
                form=form["Ученик – ученик"],
                start_date=STARTED,
            )
            for n in range(1, 6)
        ]
        self.small_group = [self.mentee(f"Шестиклассник{n}", **PUPIL) for n in range(1, 5)]
        groups = [
            make_pair(
                self.mentor(f"Учитель{n}", **TEACHER),
                self.small_group[2 * n - 2 : 2 * n],
                form=form["Учитель – ученик"],
                start_date=STARTED,
            )
            for n in (1, 2)
        ]
        novices = [
            make_pair(
                self.mentor(f"Методист{n}", **TEACHER),
                [self.mentee(f"Молодойучитель{n}", category="young_specialist")],
                form=form["Учитель – учитель"],
                start_date=STARTED,
            )
            for n in (1, 2, 3)
        ]
        self.peers = peers
        mentors_rate = scale_question(Survey.Audience.MENTORS)
        answer(mentors_rate, groups + novices, [6, 7, 8, 9, 10])
        self.mentees_rate = scale_question(Survey.Audience.MENTEES)
        answer(self.mentees_rate, groups, [10, 10, 10, 10])

    def mentor(self, surname, **fields):
        self.names.append(surname)
        return make_mentor(f"{surname} Анна Петровна", **fields)

    def mentee(self, surname, **fields):
        self.names.append(surname)
        return make_mentee(f"{surname} Илья", **fields)

    def results(self):
        [figures] = programme_report([self.lyceum], YEAR).organizations
        satisfaction = satisfaction_by_audience([self.lyceum.pk], YEAR)
        return public_results(figures, satisfaction.get(self.lyceum.pk, []))


def scale_question(audience):
    survey = Survey.objects.create(
        title=f"Удовлетворённость ({audience})", stage=Survey.Stage.SATISFACTION, audience=audience
    )
    SurveyQuestion.objects.create(survey=survey, kind=SurveyQuestion.Kind.TEXT, text="Что ещё?")
    return SurveyQuestion.objects.create(survey=survey, text="Довольны ли вы встречами?")


def answer(question, pairs, values, opens_on=STARTED + datetime.timedelta(days=60)):
    """A round of the question's survey for ``pairs``, its invitations sent with ``values``
    in turn, a comment with each (free text is never published)."""
    round_ = SurveyRound.objects.create(
        survey=question.survey, opens_on=opens_on, closes_on=opens_on + datetime.timedelta(14)
    )
    round_.pairs.set(pairs)
    comment = question.survey.questions.get(kind=SurveyQuestion.Kind.TEXT)
    for link, value in zip(invite(round_), values, strict=True):
        SurveyAnswer.objects.create(invitation=link.invitation, question=question, value=value)
        SurveyAnswer.objects.create(
            invitation=link.invitation, question=comment, value="Секретный отзыв"
        )
        link.invitation.submitted_at = timezone.now()
        link.invitation.save()


@pytest.fixture
def programme(db):
    return Programme()


def test_every_published_figure(programme):
    results = programme.results()
    assert results.organization == programme.lyceum
    assert (str(results.mentors), str(results.mentees), str(results.pairs)) == ("10", "12", "10")
    # 9 pupils of 120; 5 teachers among the mentors, of 40.
    assert (str(results.pupil_coverage), str(results.teacher_coverage)) == ("7,5 %", "12,5 %")
    assert [(r.form, str(r.pairs), str(r.mentors), str(r.mentees)) for r in results.by_form] == [
        ("Ученик – ученик", "5", "5", "5"),
        # «Учитель – ученик» (2 groups, 2 mentors, 4 mentees) and «Учитель – учитель» (3 of
        # each) together: no figure of either can be told.
        ("Другие формы: Учитель – ученик, Учитель – учитель", "5", "5", "7"),
    ]
    assert [(str(label), str(figure)) for label, figure in results.satisfaction] == [
        ("Удовлетворённость наставников", "8,0 из 10"),  # 5 mentors: (6 + 7 + 8 + 9 + 10) / 5
        ("Удовлетворённость наставляемых", FEWER),  # 4 mentees
    ]


def test_a_fifth_answering_mentee_shows_the_mean(programme):
    answer(programme.mentees_rate, programme.peers[:1], [5])
    satisfaction = dict(programme.results().satisfaction)
    assert str(satisfaction["Удовлетворённость наставляемых"]) == "9,0 из 10"  # (4 × 10 + 5) / 5


def test_people_are_counted_not_answers(programme):
    """One mentor answering for each of five pairs is one person: the mean stays hidden."""
    other = school("МБОУ «СОШ № 7»")
    mentor = make_mentor("Многопарная Ольга", organization=other, **TEACHER)
    pairs = [
        make_pair(mentor, [make_mentee(f"Ученик{n} Пётр", organization=other, **PUPIL)])
        for n in range(5)
    ]
    answer(scale_question(Survey.Audience.MENTORS), pairs, [9, 9, 9, 9, 9])
    [figures] = programme_report([other], YEAR).organizations
    [found] = satisfaction_by_audience([other.pk], YEAR)[other.pk]
    assert (found.answers, found.people) == (5, 1)
    assert str(
        dict(public_results(figures, [found]).satisfaction)["Удовлетворённость наставников"]
    ) == (FEWER)


def test_an_organisation_without_pairs_says_so(db):
    [figures] = programme_report([school()], YEAR).organizations
    results = public_results(figures, [])
    assert not results.has_pairs and results.pupil_coverage is None
    assert (results.by_form, results.satisfaction) == ([], [])


def test_the_queries_do_not_grow_with_the_people(programme):
    block = ProgrammeResultsBlock()
    value = block.to_python({"heading": "", "organization": programme.lyceum.pk, "year": YEAR})
    with CaptureQueriesContext(connection) as few:
        block.render(value)
    form = MentorshipForm.objects.get(name="Ученик – ученик")
    more_pairs = [
        make_pair(
            programme.mentor(f"Десятиклассник{n}", **PUPIL),
            [programme.mentee(f"Второклассник{n}", **PUPIL)],
            form=form,
            start_date=STARTED,
        )
        for n in range(20)
    ]
    answer(programme.mentees_rate, more_pairs, [7] * 20)
    with CaptureQueriesContext(connection) as more:
        html = block.render(value)
    assert len(more) == len(few)
    assert '<dd data-figure="mentees">32</dd>' in html


# --- the rendered block and the site's public pages ---------------------------------------


def publish_results(programme, heading=""):
    home = build_site()
    roadmap = build_roadmap(home, stages=1, activities=2)
    index = build_practices_index(home)
    build_practice(index, title="Наставничество в 5-х классах")
    home.body = [
        ("roadmap_summary", {"heading": "", "roadmap": roadmap}),
        (
            "programme_results",
            {"heading": heading, "organization": programme.lyceum, "year": YEAR},
        ),
    ]
    home.save_revision().publish()
    return home


def results_sections(html):
    return BeautifulSoup(html, "html.parser").select("section.mentorship-results")


def form_cell(section, form, figure):
    row = next(tr for tr in section.select("tbody tr") if tr.th.get_text(strip=True) == form)
    return row.select_one(f'[data-figure="{figure}"]').get_text(strip=True)


def public_pages(client):
    """(url, html) of every live public page of the site, as a visitor gets it."""
    for page in Page.objects.live().public().specific():
        url = page.get_url()
        if url is None:
            continue
        response = client.get(url)
        assert response.status_code == 200, url
        yield url, response.content.decode()


def test_the_home_page_shows_the_results_accessibly(client, programme):
    publish_results(programme)
    [section] = results_sections(client.get("/").content.decode())
    assert section.h2.get_text(strip=True) == "Итоги программы"
    assert section["aria-label"] == "Итоги программы"
    assert f"{YEAR}/{YEAR + 1}" in section.p.get_text()
    figures = {
        dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(strip=True)
        for dt in section.select("dl dt")
    }
    assert figures == {
        "Наставники": "10",
        "Наставляемые": "12",
        "Пары и группы": "10",
        "Охват обучающихся": "7,5 %",
        "Охват педагогов": "12,5 %",
        "Удовлетворённость наставников": "8,0 из 10",
        "Удовлетворённость наставляемых": FEWER,
    }
    table = section.table
    assert table.caption.get_text(strip=True) == "Пары и группы по формам наставничества"
    assert [th.get_text(strip=True) for th in table.select("thead th")] == [
        "Форма наставничества",
        "Пары и группы",
        "Наставники",
        "Наставляемые",
    ]
    assert all(th["scope"] == "row" for th in table.select("tbody th"))
    assert form_cell(section, "Ученик – ученик", "form-mentees") == "5"


def test_the_editors_heading_replaces_the_default(client, programme):
    publish_results(programme, heading="Наши итоги")
    [section] = results_sections(client.get("/").content.decode())
    assert (section.h2.get_text(strip=True), section["aria-label"]) == ("Наши итоги",) * 2


def test_a_four_person_cell_never_shows_4_on_any_public_page(client, programme):
    publish_results(programme)
    pages = dict(public_pages(client))
    assert len(pages) >= 4  # the home page, a roadmap and its stage, practices
    sections = [section for html in pages.values() for section in results_sections(html)]
    assert len(sections) == 1
    for section in sections:
        rows = [tr.th.get_text(strip=True) for tr in section.select("tbody tr")]
        assert rows == ["Ученик – ученик", "Другие формы: Учитель – ученик, Учитель – учитель"]
        assert form_cell(section, rows[1], "form-mentees") == "7"  # 4 + 3, never the 4
        assert form_cell(section, "Ученик – ученик", "form-mentees") == "5"
        assert "4" not in [cell.get_text(strip=True) for cell in section.select("[data-figure]")]
        # Not as any number of its text either (the year, percentages and means aside).
        assert re.findall(r"(?<![\d,/])4(?![\d,/])", section.get_text(" ")) == []
    for url, html in pages.items():
        for name in programme.names:
            assert name not in html, (name, url)
        assert "Секретный отзыв" not in html, url


def test_the_block_names_nobody(programme):
    block = ProgrammeResultsBlock()
    html = block.render(
        block.to_python({"heading": "", "organization": programme.lyceum.pk, "year": YEAR})
    )
    assert "10" in html  # it did render the figures
    for name in [*programme.names, "Анна Петровна", "Илья", "Секретный отзыв"]:
        assert name not in html


def test_an_empty_year_renders_a_sentence_not_figures(programme):
    block = ProgrammeResultsBlock()
    html = block.render(
        block.to_python({"heading": "", "organization": programme.lyceum.pk, "year": YEAR - 5})
    )
    [section] = results_sections(html)
    assert section.select("[data-figure]") == []
    assert "Итогов за этот год пока нет." in section.get_text()


def test_the_year_defaults_to_the_current_programme_year():
    assert ProgrammeResultsBlock().child_blocks["year"].get_default() == YEAR


def body_block_labels(form):
    """The body StreamField's blocks by name, with their labels: the page form holds them as
    JSON (the labels \\u-escaped), in the data of the field's Stimulus controller."""
    field = BeautifulSoup(form, "html.parser").select_one("#body[data-w-block-data-value]")
    labels = {}

    def walk(node):
        if isinstance(node, dict):
            args = node.get("_args")
            if node.get("_type") == "wagtail.blocks.StructBlock" and args:
                labels[args[0]] = args[-1]["label"]
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(field["data-w-block-data-value"]))
    return labels


def test_an_editor_puts_the_results_on_the_home_page(admin_client, programme):
    home = build_site()
    edit = reverse("wagtailadmin_pages:edit", args=[home.pk])
    form = admin_client.get(edit).content.decode()
    # Offered among the body's blocks, under the name the editor reads in the block menu.
    assert body_block_labels(form)["programme_results"] == "Итоги программы"
    block = {"heading": "", "organization": str(programme.lyceum.pk), "year": str(YEAR)}
    data = nested_form_data(
        {
            "title": home.title,
            "slug": home.slug,
            "body": streamfield([("programme_results", block)]),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(edit, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    [saved] = type(home).objects.get(pk=home.pk).body
    assert (saved.value["organization"], saved.value["year"]) == (programme.lyceum, YEAR)
