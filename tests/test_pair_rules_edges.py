"""The edges of the pair rules, as a curator meets them in the pair's admin form: which field
a refusal stands by, what a finished or forming pair still holds, and a one-day pair."""

import pytest
from django.urls import reverse
from django.utils.translation import gettext
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from tests.people_builders import make_mentee, make_mentor, make_pair
from wagtail_mentorship.models import MentorshipForm, MentorshipPair

ADD = "wagtailsnippets_wagtail_mentorship_mentorshippair:add"
EDIT = "wagtailsnippets_wagtail_mentorship_mentorshippair:edit"


@pytest.fixture
def teachers(db):
    return MentorshipForm.objects.get(name="Учитель – учитель")


def pair_data(mentor, mentees, form=None, status="forming", start="", end=""):
    data = nested_form_data(
        {
            "form": form.pk if form else "",
            "organization": "",
            "mentor": mentor.pk if mentor else "",
            "goal": "Адаптация",
            "status": status,
            "start_date": start,
            "end_date": end,
            "order_number": "",
            "order_date": "",
            "development_plan": "",
            "result": "",
            "meetings": inline_formset([]),
        }
    )
    data["mentees"] = [m.pk for m in mentees]
    return data


def submit(client, data, pair=None):
    url = reverse(ADD) if pair is None else reverse(EDIT, args=[pair.pk])
    return client.post(url, data)


def field_errors(response) -> dict:
    """The form's errors by field (``__all__``: those shown above the form)."""
    assert response.status_code == 200, "the form was expected to be refused"
    return {field: list(messages) for field, messages in response.context["form"].errors.items()}


def test_a_pair_may_start_and_end_on_one_day(admin_client, teachers):
    mentor, mentee = make_mentor("Наставник"), make_mentee("Ученик")
    data = pair_data(mentor, [mentee], teachers, "completed", "2026-09-01", "2026-09-01")
    assert submit(admin_client, data).status_code == 302
    pair = MentorshipPair.objects.get()
    assert pair.start_date == pair.end_date


def test_an_end_before_the_start_is_shown_by_the_end_date(admin_client, teachers):
    mentor, mentee = make_mentor("Наставник"), make_mentee("Ученик")
    data = pair_data(mentor, [mentee], teachers, "forming", "2026-09-01", "2026-08-31")
    errors = field_errors(submit(admin_client, data))
    assert errors["end_date"] == ["Дата окончания не может быть раньше даты начала."]


def test_a_pair_without_a_mentor_is_refused_by_the_mentor_field(admin_client, teachers):
    response = submit(admin_client, pair_data(None, [make_mentee("Ученик")], teachers))
    assert field_errors(response)["mentor"] == [gettext("This field is required.")]
    assert not MentorshipPair.objects.exists()


def test_a_mentee_is_in_one_open_pair_with_a_mentor(admin_client, teachers):
    mentor = make_mentor("Орлова Ирина", capacity=3)
    for n in range(5):  # so that the pair's id is no id of its mentee
        make_mentee(f"Другой наставляемый {n}")
    mentee = make_mentee("Смирнова Елена")
    assert make_pair(mentor, [mentee], status=MentorshipPair.Status.FORMING).pk != mentee.pk
    response = submit(admin_client, pair_data(mentor, [mentee], teachers))
    assert field_errors(response)["mentees"] == [
        "Смирнова Елена уже состоит в другой формируемой или действующей паре с наставником "
        "Орлова Ирина."
    ]
    assert MentorshipPair.objects.count() == 1


def test_a_finished_pair_frees_the_mentor_and_the_mentee(admin_client, teachers):
    mentor = make_mentor("Орлова Ирина", capacity=1)
    mentee = make_mentee("Смирнова Елена")
    make_pair(mentor, [mentee], status=MentorshipPair.Status.COMPLETED)
    # A second year together, and the mentor's one place is free again.
    assert submit(admin_client, pair_data(mentor, [mentee], teachers)).status_code == 302
    assert MentorshipPair.objects.filter(status="forming").count() == 1


@pytest.fixture
def busy_mentee(teachers):
    """A mentee in an active pair of the form «Учитель – учитель», with other mentees before
    them, so that no id of a pair is also the id of a mentee in it."""
    for n in range(5):
        make_mentee(f"Другой наставляемый {n}")
    mentee = make_mentee("Востребованная Анна")
    pair = make_pair(make_mentor("Первый наставник"), [mentee], form=teachers)
    assert mentee.pk != pair.pk
    return mentee


def test_an_active_pair_of_the_form_holds_the_mentee(admin_client, teachers, busy_mentee):
    data = pair_data(make_mentor("Второй наставник"), [busy_mentee], teachers, "active")
    assert field_errors(submit(admin_client, data))["mentees"] == [
        "Востребованная Анна уже состоит в действующей паре формы «Учитель – учитель»."
    ]


def test_an_active_pair_is_saved_again_with_its_own_mentees(admin_client, teachers, busy_mentee):
    pair = MentorshipPair.objects.get(mentees=busy_mentee)
    data = pair_data(pair.mentor, [busy_mentee], teachers, "active")
    data["goal"] = "Адаптация и наставничество в проекте"
    assert submit(admin_client, data, pair).status_code == 302
    pair.refresh_from_db()
    assert pair.goal == "Адаптация и наставничество в проекте"


def test_a_forming_pair_of_the_form_does_not_hold_the_mentee(admin_client, teachers):
    mentee = make_mentee("Смирнова Елена")
    make_pair(make_mentor("Первый наставник"), [mentee], "forming", form=teachers)
    data = pair_data(make_mentor("Второй наставник"), [mentee], teachers, "active")
    assert submit(admin_client, data).status_code == 302
    assert MentorshipPair.objects.filter(status="active", mentees=mentee).count() == 1
