"""The rules of a mentorship pair, as a curator meets them in the pair's admin form."""

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from tests.people_builders import make_mentee, make_mentor, make_pair, school
from wagtail_mentorship.models import Mentee, MentorshipForm, MentorshipPair

TODAY = timezone.localdate()


@pytest.fixture
def teachers(db):
    return MentorshipForm.objects.get(name="Учитель – учитель")


def mentor(name="Наставник Иван", capacity=1, **fields):
    return make_mentor(name, capacity=capacity, **fields)


def adult(name, **fields):
    return make_mentee(name, **fields)


def minor(name, consent_by=None):
    fields = {"representative_name": f"Родитель ({name})"}
    if consent_by:
        fields.update(processing_consent_date=TODAY, processing_consent_by=consent_by)
    return Mentee.objects.create(full_name=name, is_minor=True, **fields)


def pair_data(the_mentor, mentees, form=None, status="forming", **fields):
    data = nested_form_data(
        {
            "form": form.pk if form else "",
            "organization": "",
            "mentor": the_mentor.pk,
            "goal": "Адаптация",
            "status": status,
            "start_date": fields.pop("start_date", ""),
            "end_date": fields.pop("end_date", ""),
            "order_number": "",
            "order_date": "",
            "development_plan": "",
            "result": "",
            "meetings": inline_formset(fields.pop("meetings", [])),
        }
    )
    data["mentees"] = [m.pk for m in mentees]  # a multiple choice: one value per mentee
    return data


def submit(client, data, pair=None):
    if pair is None:
        url = reverse("wagtailsnippets_wagtail_mentorship_mentorshippair:add")
    else:
        url = reverse("wagtailsnippets_wagtail_mentorship_mentorshippair:edit", args=[pair.pk])
    return client.post(url, data)


def form_errors(response) -> str:
    assert response.status_code == 200, "the form was expected to be refused"
    form = response.context["form"]
    messages = [m for errors in form.errors.values() for m in errors]
    for formset in form.formsets.values():
        messages += [m for f in formset.forms for errors in f.errors.values() for m in errors]
    return " ".join(messages)


def test_a_valid_pair_is_saved(admin_client, teachers):
    response = submit(admin_client, pair_data(mentor(), [adult("Молодой Учитель")], teachers))
    assert response.status_code == 302
    pair = MentorshipPair.objects.get()
    assert [m.full_name for m in pair.mentees.all()] == ["Молодой Учитель"]


def test_mentees_never_exceed_the_mentors_capacity(admin_client, teachers):
    busy = mentor(capacity=2)
    existing = make_pair(busy, [adult("Первый")])
    response = submit(admin_client, pair_data(busy, [adult("Второй"), adult("Третий")], teachers))
    assert "не больше 2 наставляемых одновременно; с этой парой их было бы 3" in form_errors(
        response
    )
    assert MentorshipPair.objects.count() == 1
    # A finished pair frees its places.
    existing.status = "completed"
    existing.save()
    assert submit(admin_client, pair_data(busy, [adult("Четвёртый")], teachers)).status_code == 302


def test_no_one_mentors_themself(admin_client, teachers):
    the_mentor = mentor(name="Сидорова Ольга", email="olga@example.com")
    # The same e-mail and name make one person, whatever the organisation.
    same = adult("Сидорова  Ольга", email="OLGA@example.com", organization=school("Колледж"))
    response = submit(admin_client, pair_data(the_mentor, [same], teachers))
    assert "не может быть наставником самому себе" in form_errors(response)


def test_same_name_in_the_same_organisation_is_the_same_person(admin_client, teachers):
    the_mentor = mentor(name="Сидорова  Алёна")
    same = adult("сидорова алена")
    assert "самому себе" in form_errors(submit(admin_client, pair_data(the_mentor, [same])))


def test_a_mentee_is_in_one_active_pair_of_a_form(admin_client, teachers):
    mentee = adult("Востребованный")
    make_pair(mentor("Первый наставник"), [mentee], form=teachers)
    second = mentor("Второй наставник")
    response = submit(admin_client, pair_data(second, [mentee], teachers, status="active"))
    assert "уже состоит в действующей паре формы «Учитель – учитель»" in form_errors(response)
    other_form = MentorshipForm.objects.get(name="Ученик – ученик")
    assert (
        submit(admin_client, pair_data(second, [mentee], other_form, status="active")).status_code
        == 302
    )


@pytest.mark.parametrize(
    ("dates", "message"),
    [
        (
            {"start_date": "2026-09-01", "end_date": "2026-06-01"},
            "Дата окончания не может быть раньше даты начала",
        ),
        (
            {
                "start_date": "2026-09-01",
                "meetings": [{"kind": "organisational", "date": "2026-08-20", "notes": ""}],
            },
            "Встреча не может быть раньше начала работы пары",
        ),
    ],
    ids=["end-before-start", "meeting-before-start"],
)
def test_dates_in_order(admin_client, teachers, dates, message):
    data = pair_data(mentor(), [adult("Наставляемый")], teachers, **dates)
    assert message in form_errors(submit(admin_client, data))


@pytest.mark.parametrize("consent_by", [None, "person"])
def test_a_minor_needs_the_representatives_consent_before_the_pair_is_active(
    admin_client, teachers, consent_by
):
    child = minor("Ученик Петя")
    if consent_by:  # set directly: the admin form itself refuses this for a minor
        Mentee.objects.filter(pk=child.pk).update(
            processing_consent_date=TODAY, processing_consent_by=consent_by
        )
    the_mentor = mentor()
    assert submit(admin_client, pair_data(the_mentor, [child], teachers)).status_code == 302
    pair = MentorshipPair.objects.get()
    response = submit(admin_client, pair_data(the_mentor, [child], teachers, "active"), pair)
    assert "Пара не может начать работу" in form_errors(response)
    pair.refresh_from_db()
    assert pair.status == "forming"


def test_with_the_representatives_consent_the_pair_becomes_active(admin_client, teachers):
    child = minor("Ученица Маша", consent_by="representative")
    response = submit(admin_client, pair_data(mentor(), [child], teachers, "active"))
    assert response.status_code == 302
    assert MentorshipPair.objects.get().status == "active"
