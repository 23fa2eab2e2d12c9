"""A class-sized peer-mentoring cohort of the demo school («Ученик – ученик»: ninth-graders
helping fifth-graders, two each) and the school's yearly headcount, so that the monitoring
report and the public results have enough people to show figures: the public results hide
any figure of fewer than five people.

The people are invented, their names put together from the lists below. Running it again
creates nothing new.
"""

import datetime

from wagtail_mentorship.models import (
    Mentee,
    Mentor,
    MentorshipForm,
    MentorshipPair,
    OrganizationHeadcount,
)

FORM = "Ученик – ученик"
# (surname, first name, patronymic) of the mentors, then of the mentees; feminine forms given.
MENTORS = (
    ("Андреева", "Софья", "Павловна"),
    ("Воронов", "Михаил", "Олегович"),
    ("Давыдова", "Ксения", "Игоревна"),
    ("Жуков", "Глеб", "Андреевич"),
    ("Комарова", "Ева", "Сергеевна"),
)
MENTEES = (
    ("Алексеев", "Марк", "Денисович"),
    ("Борисова", "Ульяна", "Артёмовна"),
    ("Власов", "Егор", "Ильич"),
    ("Григорьева", "Мия", "Романовна"),
    ("Дмитриев", "Лев", "Максимович"),
    ("Ефимова", "Василиса", "Кирилловна"),
    ("Захаров", "Тимофей", "Павлович"),
    ("Ильина", "Арина", "Олеговна"),
    ("Кузьмин", "Матвей", "Сергеевич"),
    ("Логинова", "Варвара", "Алексеевна"),
)
MENTOR_CLASS, MENTEE_CLASS = "9 «А»", "5 «А»"
TOPICS = ("Математика", "Русский язык", "Английский язык", "Информатика", "Окружающий мир")
# The school's pupils and teachers, a figure its curator enters each year.
HEADCOUNT = {"pupils": 640, "teachers": 52}


def full_name(parts: tuple[str, str, str]) -> str:
    return " ".join(parts)


def representative_of(parts: tuple[str, str, str]) -> str:
    """A parent's invented name: the family's surname in its feminine form."""
    surname = parts[0] if parts[0].endswith("а") else parts[0] + "а"
    return f"{surname} Наталья Викторовна"


def ensure_headcount(organization, year: int) -> None:
    for each in (year - 1, year):
        OrganizationHeadcount.objects.get_or_create(
            organization=organization, year=each, defaults=HEADCOUNT
        )


def ensure_cohort(organization, year: int) -> int:
    """The cohort's mentors, mentees and groups in the programme year ``year``; returns how
    many people were created now."""
    form = MentorshipForm.objects.get(name=FORM)
    consent_on = datetime.date(year, 9, 10)
    start_on = datetime.date(year, 9, 25)
    created = 0
    for number, mentor_parts in enumerate(MENTORS):
        mentor_name = full_name(mentor_parts)
        if Mentor.objects.filter(full_name=mentor_name, organization=organization).exists():
            continue
        mentor = Mentor(
            full_name=mentor_name,
            organization=organization,
            category=Mentor.Category.PUPIL,
            position=f"Ученик {MENTOR_CLASS} класса",
            competencies=TOPICS[number],
            capacity=2,
            status=Mentor.Status.APPROVED,
            processing_consent_date=consent_on,
            processing_consent_by="representative",
        )
        mentor.mentorship_forms = [form]
        mentor.save()
        mentees = []
        for mentee_parts in MENTEES[2 * number : 2 * number + 2]:
            mentee = Mentee(
                full_name=full_name(mentee_parts),
                organization=organization,
                category=Mentee.Category.PUPIL,
                is_minor=True,
                class_name=MENTEE_CLASS,
                request=TOPICS[number],
                recommended_by="Классный руководитель",
                representative_name=representative_of(mentee_parts),
                status=Mentee.Status.IN_PROGRAMME,
                entered_on=consent_on,
                processing_consent_date=consent_on,
                processing_consent_by="representative",
            )
            mentee.preferred_forms = [form]
            mentee.save()
            mentees.append(mentee)
        pair = MentorshipPair(
            mentor=mentor,
            form=form,
            status=MentorshipPair.Status.ACTIVE,
            goal=f"{TOPICS[number]}: помощь пятиклассникам в учёбе",
            start_date=start_on,
            organization=organization,
        )
        pair.mentees = mentees
        pair.save()
        created += 1 + len(mentees)
    return created
