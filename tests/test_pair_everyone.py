"""«Подобрать пары всем»: a curator is proposed only their own people, creates exactly the pairs
they tick, all or nothing, and cannot slip other ids into the signed proposals."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import people_builders as people
from wagtail_mentorship.access.models import PersonalDataLogEntry
from wagtail_mentorship.admin.views.pair_everyone import Proposed, sign
from wagtail_mentorship.models import Mentee, Mentor, MentorshipForm, MentorshipPair

URL = reverse("wagtail_mentorship:pair_everyone")
OTHER_SCHOOL = "МБОУ «СОШ № 7»"
FORM = "Учитель – учитель"


@pytest.fixture
def form(db):
    return MentorshipForm.objects.get(name=FORM)


def mentor(name, form, **fields):
    return people.make_mentor(name, forms=[form], **{"capacity": 1, **people.CONSENTED, **fields})


def mentee(name, form, **fields):
    # Teachers, as the form «Учитель – учитель» they ask for means.
    fields = {"category": Mentee.Category.TEACHER, **people.CONSENTED, **fields}
    return people.make_mentee(name, forms=[form], **fields)


def curator(django_user_model, organizations=None):
    return people.login_client(django_user_model, people.CURATORS, "curator", organizations)


def coordinator(django_user_model):
    return people.login_client(django_user_model, people.COORDINATORS, "coordinator")


def review(client, min_score=0):
    response = client.post(URL, {"action": "propose", "min_score": min_score})
    assert response.status_code == 200
    return response


def proposed(response) -> dict:
    """Mentee's name → mentor's name, as the review proposes them."""
    return {
        row.proposal.mentee.full_name: row.proposal.suggestion.mentor.full_name
        for row in response.context["rows"]
    }


def accept(client, response, numbers=None):
    """Confirms the review's rows of ``numbers`` (1-based; by default every row)."""
    rows = response.context["rows"]
    numbers = [row.number for row in rows] if numbers is None else numbers
    data = {"action": "create", "plan": response.context["signed"]}
    return client.post(URL, {**data, "accept": [str(n - 1) for n in numbers]})


def current_pairs() -> set:
    return {
        (pair.mentor.full_name, tuple(m.full_name for m in pair.mentees.all()), pair.status)
        for pair in MentorshipPair.objects.all()
    }


@pytest.fixture
def two_schools(form):
    other = people.school(OTHER_SCHOOL)
    mentor("Наставникова Анна", form)
    mentor("Чужаков Борис", form, organization=other)
    mentee("Ученикова Вера", form)
    mentee("Посторонний Глеб", form, organization=other)
    return other


def test_a_curator_is_proposed_only_their_schools_people(django_user_model, two_schools):
    response = review(curator(django_user_model))
    assert proposed(response) == {"Ученикова Вера": "Наставникова Анна"}
    html = response.content.decode()
    assert "Чужаков" not in html and "Посторонний" not in html
    # The mentee is named as the admin names people: organisation and consent.
    assert "Ученикова Вера (МАОУ «Лицей № 2», Только обработка)" in html

    everyone = proposed(review(coordinator(django_user_model)))
    assert everyone == {
        "Ученикова Вера": "Наставникова Анна",
        "Посторонний Глеб": "Чужаков Борис",
    }


def test_the_form_asks_for_the_minimum_score_within_0_to_100(admin_client):
    page = admin_client.get(URL)
    assert page.status_code == 200
    assert 'name="min_score"' in page.content.decode() and 'value="40"' in page.content.decode()
    refused = admin_client.post(URL, {"action": "propose", "min_score": 101})
    assert refused.status_code == 400
    assert "rows" not in refused.context


def test_a_low_score_leaves_the_mentee_unassigned_and_says_why(admin_client, form):
    mentor("Наставникова Анна", form)
    mentee("Ученикова Вера", form)
    response = review(admin_client, min_score=100)
    assert response.context["rows"] == []
    html = response.content.decode()
    assert "Ученикова Вера" in html and "нет свободного наставника с баллом не ниже 100" in html


def test_accepting_a_selection_creates_exactly_those_pairs(admin_client, admin_user, form):
    for n in (1, 2, 3):
        mentor(f"Наставник {n}", form)
        mentee(f"Наставляемый {n}", form)
    response = review(admin_client)
    rows = response.context["rows"]
    assert len(rows) == 3
    ticked, unticked = [rows[0], rows[2]], rows[1]

    created = accept(admin_client, response, [row.number for row in ticked])
    assert created.status_code == 302
    assert created["Location"] == (
        reverse("wagtailsnippets_wagtail_mentorship_mentorshippair:list") + "?status=forming"
    )
    assert current_pairs() == {
        (row.proposal.suggestion.mentor.full_name, (row.proposal.mentee.full_name,), "forming")
        for row in ticked
    }
    assert not unticked.proposal.mentee.pairs.exists()
    assert all(pair.form == form for pair in MentorshipPair.objects.all())
    logged = PersonalDataLogEntry.objects.filter(action="wagtail.create")
    assert sorted((entry.object_id, entry.user) for entry in logged) == sorted(
        (str(pk), admin_user) for pk in MentorshipPair.objects.values_list("pk", flat=True)
    )
    listing = admin_client.get(created["Location"])
    assert "Создано 2 пары" in listing.content.decode()


def test_a_tampered_or_borrowed_payload_is_refused(admin_client, django_user_model, form):
    mentor("Наставник", form)
    mentee("Наставляемый", form)
    response = review(admin_client)
    signed = response.context["signed"]
    payload, _, signature = signed.rpartition(":")
    forged = f"{payload}:{signature[:-1]}{'A' if signature[-1] != 'A' else 'B'}"
    for plan in (forged, "", "not signed at all"):
        refused = admin_client.post(URL, {"action": "create", "plan": plan, "accept": ["0"]})
        assert refused.status_code == 400
        assert "rows" not in refused.context
    # Proposals signed for another user are not this user's to accept.
    other = coordinator(django_user_model)
    borrowed = other.post(URL, {"action": "create", "plan": signed, "accept": ["0"]})
    assert borrowed.status_code == 400
    assert not MentorshipPair.objects.exists()


def test_ids_outside_the_curators_scope_are_checked_again(django_user_model, two_schools, form):
    """Even a validly signed row (the curator's scope shrank since the review) names no one
    and creates nothing once its people are no longer the curator's."""
    client = curator(django_user_model)
    stranger = Mentee.objects.get(full_name="Посторонний Глеб")
    foreign_mentor = Mentor.objects.get(full_name="Чужаков Борис")
    rows = [Proposed(stranger.pk, foreign_mentor.pk, form.pk)]
    plan = sign(client.user, 0, rows)
    response = client.post(URL, {"action": "create", "plan": plan, "accept": ["0"]})
    assert response.status_code == 409
    assert not MentorshipPair.objects.exists()
    assert response.context["problems"] == [
        "Строка 1: этот наставляемый не входит в число тех, кому вы можете подбирать наставника."
    ]
    assert "Посторонний" not in response.content.decode()


def test_a_place_taken_meanwhile_creates_nothing_and_names_the_row(admin_client, form):
    for n in (1, 2):
        mentor(f"Наставник {n}", form)
        mentee(f"Наставляемый {n}", form)
    response = review(admin_client)
    rows = {row.proposal.suggestion.mentor.full_name: row for row in response.context["rows"]}
    # Between the review and the confirmation, another curator gives «Наставник 2» the
    # only place they have.
    taken = rows["Наставник 2"]
    people.make_pair(
        taken.proposal.suggestion.mentor,
        [mentee("Опередивший Олег", form)],
        status=MentorshipPair.Status.FORMING,
    )
    before = current_pairs()

    refused = accept(admin_client, response)
    assert refused.status_code == 409
    assert current_pairs() == before  # «Наставник 1»'s pair is not created either
    (problem,) = refused.context["problems"]
    assert problem.startswith(f"Строка {taken.number}: ")
    assert "Наставник 2" in problem
    assert problem in refused.content.decode()
    # The review is shown again, fresh: «Наставник 2» has no place left to propose.
    again = {row.proposal.suggestion.mentor.full_name for row in refused.context["rows"]}
    assert "Наставник 2" not in again


def test_a_mentee_paired_meanwhile_creates_nothing(admin_client, form):
    mentor("Наставник 1", form, capacity=2)
    mentee("Наставляемый 1", form)
    response = review(admin_client)
    (row,) = response.context["rows"]
    people.make_pair(mentor("Другой", form), [row.proposal.mentee])
    refused = accept(admin_client, response)
    assert refused.status_code == 409
    assert MentorshipPair.objects.count() == 1
    assert refused.context["problems"] == [
        "Строка 1: Наставляемый 1 больше не ожидает наставника: уже состоит в паре или не "
        "участвует в программе."
    ]


def test_nothing_ticked_creates_nothing(admin_client, form):
    mentor("Наставник", form)
    mentee("Наставляемый", form)
    response = review(admin_client)
    again = accept(admin_client, response, numbers=[])
    assert again.status_code == 200
    assert not MentorshipPair.objects.exists()
    assert [row.ticked for row in again.context["rows"]] == [False]


def test_a_plain_editor_without_pair_rights_is_refused(django_user_model, form):
    mentor("Наставник", form)
    mentee("Наставляемый", form)
    editor = people.login_client(django_user_model, people.EDITORS, "editor")
    # Wagtail answers a denied page with a redirect to the dashboard and an error message,
    # and with a bare 403 to a script's request.
    for response in (editor.get(URL), editor.post(URL, {"action": "propose", "min_score": 0})):
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
    script = {"x-requested-with": "XMLHttpRequest"}
    assert editor.get(URL, headers=script).status_code == 403
    row = Proposed(Mentee.objects.get().pk, Mentor.objects.get().pk, form.pk)
    plan = sign(editor.user, 0, [row])
    assert (
        editor.post(
            URL, {"action": "create", "plan": plan, "accept": ["0"]}, headers=script
        ).status_code
        == 403
    )
    assert not MentorshipPair.objects.exists()


def test_the_report_and_the_pairs_listing_lead_to_it(django_user_model, form):
    client = curator(django_user_model)
    for url in (
        reverse("wagtailsnippets_wagtail_mentorship_mentee:without_mentor"),
        reverse("wagtailsnippets_wagtail_mentorship_mentorshippair:list"),
    ):
        assert f'href="{URL}"' in client.get(url).content.decode(), url


def review_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        review(client)
    return len(queries)


def test_the_reviews_queries_do_not_grow_with_the_mentees(admin_client, form):
    def add(start, count):
        for n in range(start, start + count):
            mentor(f"Наставник {n:02}", form, position="Учитель")
            mentee(f"Наставляемый {n:02}", form, class_name=f"{n} А")

    add(0, 5)
    five = review_queries(admin_client)
    add(5, 10)
    fifteen = review_queries(admin_client)
    assert len(review(admin_client).context["rows"]) == 15
    assert five == fifteen


def test_the_review_shows_what_pairing_one_by_one_would_have_given(admin_client, form):
    """One by one, the first mentee takes the mentor the second one needed; the plan gives
    the first mentee the other mentor, and both have one."""
    mentor("Алгебраистова Анна", form, competencies="Математика, физика")
    mentor("Бубнов Борис", form, competencies="Математика")
    mentee("Абрамов Антон", form, request="Математика и физика")
    # Of another school: no points for the organisation, so only the first mentor fits.
    mentee("Борисова Бэлла", form, request="Физика", organization=people.school(OTHER_SCHOOL))
    response = review(admin_client, min_score=60)
    rows = {row.proposal.mentee.full_name: row.proposal for row in response.context["rows"]}
    assert {name: p.suggestion.mentor.full_name for name, p in rows.items()} == {
        "Абрамов Антон": "Бубнов Борис",
        "Борисова Бэлла": "Алгебраистова Анна",
    }
    assert rows["Абрамов Антон"].greedy.mentor.full_name == "Алгебраистова Анна"
    assert rows["Борисова Бэлла"].greedy is None
    plan = response.context["plan"]
    assert plan.total > plan.greedy_total
    html = response.content.decode()
    assert f'data-count="total">{plan.total}<' in html
    assert f'data-count="greedy-total">{plan.greedy_total}<' in html
    greedy_cells = re.findall(r"<td data-greedy>(.*?)</td>", html, re.S)
    assert [cell.strip() for cell in greedy_cells] == [
        f"Алгебраистова Анна, балл {rows['Абрамов Антон'].greedy.score}",
        "—",
    ]


def test_each_row_of_a_mentor_given_two_mentees_says_the_places_left_after_the_plan(
    admin_client, form
):
    mentor("Наставникова Анна", form, capacity=2)
    mentee("Ученикова Вера", form)
    mentee("Ученикова Галина", form)
    response = review(admin_client)
    assert proposed(response) == {
        "Ученикова Вера": "Наставникова Анна",
        "Ученикова Галина": "Наставникова Анна",
    }
    rows = re.findall(r'<tr data-row="\d+">(.*?)</tr>', response.content.decode(), re.S)
    assert len(rows) == 2
    for row in rows:
        assert "Останется 0 мест из 2, если создать все предложенные пары" in row
        assert "Свободно 2 места из 2" not in row
