"""The bases as spreadsheets for reports: «база наставников», «база наставляемых», «пары».

Columns carry the same canonical Russian headers the importer reads, and the questionnaire
answers follow as columns of their own, so a file exported and imported again changes nothing.
"""

import datetime

from django.utils.translation import gettext_lazy

from ..models import Mentee, Mentor, MentorshipPair
from ..spreadsheets.columns import MENTEE_COLUMNS, MENTOR_COLUMNS, PAIR_COLUMNS


def plain(obj, field_name):
    """A field's value as a cell: choices by label, links by name (the writers put yes/no
    in words)."""
    value = getattr(obj, field_name)
    model_field = obj._meta.get_field(field_name)
    if model_field.choices:
        return getattr(obj, f"get_{field_name}_display")()
    if model_field.many_to_many:
        return "; ".join(item.name for item in value.all())
    if model_field.is_relation:
        return value.name if value else ""
    if value is None:
        return ""
    return value if isinstance(value, datetime.date | int | str) else str(value)


CHUNK = 500  # people read at once while exporting


def person_reference(person) -> str:
    """A pair's person by name, as everywhere a curator reads it, with the e-mail that tells
    namesakes apart for the importer: «Смирнова Елена <lena@example.com>»."""
    return f"{person.full_name} <{person.email}>" if person.email else person.full_name


class PeopleLayout:
    def __init__(self, model, columns, m2m_field, title):
        self.model, self.columns, self.m2m_field, self.title = model, columns, m2m_field, title

    def queryset(self):
        return (
            self.model.objects.select_related("organization")
            .prefetch_related(self.m2m_field)
            .order_by("full_name")
        )

    def table(self, queryset=None):
        """Two passes over the base, a chunk at a time: the questions asked anywhere (the
        columns), then the people. Memory stays bounded however large the base."""
        people = queryset if queryset is not None else self.queryset()
        questions = {}
        for answers in people.values_list("questionnaire_answers", flat=True).iterator(
            chunk_size=CHUNK
        ):
            questions.update(dict.fromkeys(answers or {}))
        headers = [column.russian for column in self.columns] + list(questions)
        rows = (
            [plain(person, column.field) for column in self.columns]
            + [(person.questionnaire_answers or {}).get(q, "") for q in questions]
            for person in people.iterator(chunk_size=CHUNK)
        )
        return str(self.title), headers, rows


class PairsLayout:
    model, columns, title = MentorshipPair, PAIR_COLUMNS, gettext_lazy("Pairs")

    def queryset(self):
        return MentorshipPair.objects.select_related(
            "mentor", "form", "organization"
        ).prefetch_related("mentees")

    def cell(self, pair, field_name):
        if field_name == "mentor":
            return person_reference(pair.mentor)
        if field_name == "mentees":
            return ", ".join(person_reference(mentee) for mentee in pair.mentees.all())
        return plain(pair, field_name)

    def table(self, queryset=None):
        pairs = queryset if queryset is not None else self.queryset()
        headers = [column.russian for column in self.columns]
        rows = ([self.cell(pair, column.field) for column in self.columns] for pair in pairs)
        return str(self.title), headers, rows


LAYOUTS = {
    "mentors": PeopleLayout(
        Mentor, MENTOR_COLUMNS, "mentorship_forms", gettext_lazy("Mentors base")
    ),
    "mentees": PeopleLayout(
        Mentee, MENTEE_COLUMNS, "preferred_forms", gettext_lazy("Mentees base")
    ),
    "pairs": PairsLayout(),
}


def export_table(target: str, queryset=None):
    """(sheet title, headers, rows) of a base, in the importer's layout."""
    return LAYOUTS[target].table(queryset)
