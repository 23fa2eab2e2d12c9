"""The consent rules on a given day, a withdrawal on the day of the consent, and what of a
person a public page may show when only some items are consented to."""

import datetime

import pytest
from django.utils import timezone

from tests.access_world import png
from wagtail_mentorship.models import Mentee, Mentor
from wagtail_mentorship.people import consent

TODAY = timezone.localdate()


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


def consented(*, processing: int, publication: int) -> dict:
    """Consents the person gave themself ``processing`` and ``publication`` days from today."""
    return {
        "processing_consent_date": days(processing),
        "processing_consent_by": "person",
        "publication_consent_date": days(publication),
        "publication_consent_by": "person",
    }


# Processing from 30 days ago until 5 days ago; publication from 20 days ago, not withdrawn.
TIMELINE = {
    "processing_consent_date": days(-30),
    "processing_consent_by": "person",
    "processing_consent_withdrawn": days(-5),
    "publication_consent_date": days(-20),
    "publication_consent_by": "person",
    "publish_name": True,
}


@pytest.mark.parametrize(
    ("day", "processing", "publication", "state"),
    [
        (-25, True, False, "processing"),
        (-15, True, True, "publication"),
        (-5, False, False, "withdrawn"),
        (0, False, False, "withdrawn"),
    ],
)
def test_consents_are_judged_on_the_day_asked_about(db, day, processing, publication, state):
    person = Mentor.objects.create(full_name="Наставница с историей", **TIMELINE)
    on = days(day)
    assert consent.may_process(person, on) is processing
    assert consent.may_publish(person, on) is publication
    assert consent.consent_state(person, on) == state
    assert consent.public_profile(person, on).name == (person.full_name if publication else "")
    # The filters of the admin's listings keep the same rule on the same day.
    assert Mentor.objects.filter(consent.processing_in_force_q(on=on)).exists() is processing
    assert Mentor.objects.filter(consent.publication_in_force_q(on=on)).exists() is publication


def test_before_any_consent_the_state_is_none_whatever_came_later(db):
    person = Mentor.objects.create(full_name="Наставница с историей", **TIMELINE)
    assert consent.consent_state(person, days(-40)) == "none"
    # The listing's «отозвано» filter keeps the same rule: a withdrawal counts from its day.
    assert not Mentor.objects.filter(consent.withdrawn_q(on=days(-6))).exists()
    assert consent.consent_state(person, days(-5)) == "withdrawn"
    assert Mentor.objects.filter(consent.withdrawn_q(on=days(-5))).exists()


def test_a_publication_consent_is_void_on_a_day_without_processing_consent(db):
    # Recorded out of order: publication before processing. Until processing is given,
    # nothing may be published, whatever the publication consent says.
    person = Mentor.objects.create(
        full_name="Наставник вне очереди",
        **consented(processing=-10, publication=-30),
    )
    assert not consent.may_publish(person, days(-20))
    assert consent.consent_state(person, days(-20)) == "none"
    assert not Mentor.objects.filter(consent.publication_in_force_q(on=days(-20))).exists()
    assert consent.may_publish(person, days(-5))


def test_a_consent_withdrawn_on_the_day_it_was_given_is_accepted(db):
    person = Mentor(
        full_name="Передумавшая Наставница",
        processing_consent_date=TODAY,
        processing_consent_by="person",
        processing_consent_withdrawn=TODAY,
    )
    person.full_clean()  # no «withdrawn before it was given»
    assert consent.consent_state(person) == "withdrawn"


@pytest.fixture
def published(db):
    """A mentor with a portrait and consent to publication who chose no item yet."""

    def make(**items):
        return Mentor.objects.create(
            full_name="Фотогеничная Наставница",
            achievements="Победитель конкурса «Учитель года»",
            portrait=png(),
            **consented(processing=-10, publication=-10),
            **items,
        )

    return make


def test_a_photo_alone_is_something_to_show(published):
    mentor = published(publish_photo=True)
    assert mentor.photo is not None  # the published copy of the portrait
    profile = mentor.public_profile()
    assert profile.photo == mentor.photo
    assert (profile.name, profile.achievements) == ("", "")
    assert profile  # a board shows the photo without a name


def test_achievements_alone_are_something_to_show(published):
    profile = published(publish_achievements=True).public_profile()
    assert profile.achievements == "Победитель конкурса «Учитель года»"
    assert (profile.name, profile.photo) == ("", None)
    assert profile


def test_nothing_chosen_is_nothing_to_show(published):
    profile = published().public_profile()
    assert (profile.name, profile.photo, profile.achievements) == ("", None, "")
    assert not profile


def test_a_mentee_has_no_achievements_to_publish(db):
    mentee = Mentee.objects.create(
        full_name="Ученица с согласием",
        **consented(processing=-10, publication=-10),
        publish_achievements=True,
    )
    profile = mentee.public_profile()
    assert profile.achievements == ""
    assert not profile
