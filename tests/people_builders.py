"""Builders of people, pairs and admin users for the tests of the curator's admin."""

import datetime

from django.contrib.auth.models import Group
from django.test import Client

from wagtail_mentorship.models import Mentee, Mentor, MentorshipForm, MentorshipPair, Organization

CURATORS = "Кураторы наставничества"
COORDINATORS = "Координаторы наставничества"
EDITORS = "Editors"  # created by Wagtail's own migrations
SCHOOL = "МАОУ «Лицей № 2»"  # the school of the tests' people and curators, unless they say
CONSENTED = {
    "processing_consent_date": datetime.date(2024, 9, 1),
    "processing_consent_by": "person",
}


def school(name: str = SCHOOL) -> Organization:
    return Organization.objects.get_or_create(name=name)[0]


def schools(count: int) -> list[Organization]:
    """«МБОУ «СОШ № 1»» … «№ count»: the schools of ``build_programme``."""
    return [
        Organization.objects.get_or_create(name=f"МБОУ «СОШ № {n}»")[0] for n in range(1, count + 1)
    ]


def login_client(django_user_model, group_name: str, username: str, organizations=None) -> Client:
    """A logged-in client; a curator curates ``organizations`` (by default, ``SCHOOL``)."""
    user = django_user_model.objects.create_user(username, f"{username}@example.org", "x")
    user.groups.add(Group.objects.get(name=group_name))
    if group_name == CURATORS:
        user.mentorship_organizations.set([school()] if organizations is None else organizations)
    client = Client()
    client.force_login(user)
    client.user = user
    return client


def make_mentor(full_name: str, **fields) -> Mentor:
    forms = fields.pop("forms", ())
    if "organization" not in fields:
        fields["organization"] = school()
    mentor = Mentor(full_name=full_name, **{"status": Mentor.Status.APPROVED, **fields})
    mentor.mentorship_forms = forms
    mentor.save()
    return mentor


def make_mentee(full_name: str, **fields) -> Mentee:
    forms = fields.pop("forms", ())
    if "organization" not in fields:
        fields["organization"] = school()
    mentee = Mentee(full_name=full_name, **{"is_minor": False, **fields})
    mentee.preferred_forms = forms
    mentee.save()
    return mentee


def make_pair(mentor, mentees, status=MentorshipPair.Status.ACTIVE, **fields) -> MentorshipPair:
    fields.setdefault("organization", mentor.organization)
    pair = MentorshipPair(mentor=mentor, status=status, **fields)
    pair.mentees = list(mentees)  # modelcluster keeps them in memory until save()
    pair.save()
    return pair


PAIR_STATUSES = list(MentorshipPair.Status)


def build_programme(count: int, start: int = 0) -> None:
    """``count`` approved mentors (each with a form), mentees and pairs, in bulk.

    Pair ``i`` joins mentor ``i`` and mentee ``i`` (every fifth pair also mentee ``i - 1``);
    statuses cycle through forming, active, completed, terminated, so about half of the
    mentees are without a mentor and get suggestions.
    """
    organizations = schools(3)
    # «Ученик – ученик», «Студент – ученик», «Работодатель – ученик»: each mentor of the
    # category its form names, so that every form fits the pupils.
    forms = list(MentorshipForm.objects.order_by("pk")[:3])
    categories = [Mentor.Category.PUPIL, Mentor.Category.STUDENT, Mentor.Category.EMPLOYER]
    numbers = range(start, start + count)
    mentors = Mentor.objects.bulk_create(
        Mentor(
            full_name=f"Наставник {i:04}",
            email=f"mentor{i}@example.org",
            organization=organizations[i % 3],
            status=Mentor.Status.APPROVED,
            category=categories[i % 3],
            capacity=3,
            competencies="Подготовка к олимпиадам по физике",
            **CONSENTED,
        )
        for i in numbers
    )
    mentees = Mentee.objects.bulk_create(
        Mentee(
            full_name=f"Наставляемый {i:04}",
            email=f"mentee{i}@example.org",
            organization=organizations[i % 3],
            is_minor=False,
            status=Mentee.Status.IN_PROGRAMME,
            request="Хочу готовиться к олимпиадам",
            **CONSENTED,
        )
        for i in numbers
    )
    Mentor.mentorship_forms.through.objects.bulk_create(
        Mentor.mentorship_forms.through(mentor=m, mentorshipform=forms[i % 3])
        for i, m in zip(numbers, mentors, strict=True)
    )
    Mentee.preferred_forms.through.objects.bulk_create(
        Mentee.preferred_forms.through(mentee=m, mentorshipform=forms[i % 3])
        for i, m in enumerate(mentees)
    )
    pairs = MentorshipPair.objects.bulk_create(
        MentorshipPair(
            mentor=mentor,
            form=forms[i % 3],
            organization=organizations[i % 3],
            status=PAIR_STATUSES[i % 4],
        )
        for i, mentor in enumerate(mentors)
    )
    links = [(pair, mentees[i]) for i, pair in enumerate(pairs)]
    links += [(pair, mentees[i - 1]) for i, pair in enumerate(pairs) if i % 5 == 4]
    MentorshipPair.mentees.through.objects.bulk_create(
        MentorshipPair.mentees.through(mentorshippair=pair, mentee=mentee) for pair, mentee in links
    )
