"""The bases as spreadsheets for reports: «база наставников», «база наставляемых».

Columns carry the same canonical Russian headers the importer reads, and the questionnaire
answers follow as columns of their own, so a file exported and imported again changes nothing.
"""

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import Mentee, Mentor
from .columns import MENTEE_COLUMNS, MENTOR_COLUMNS

LAYOUTS = {
    "mentors": (Mentor, MENTOR_COLUMNS, "mentorship_forms", gettext_lazy("Mentors base")),
    "mentees": (Mentee, MENTEE_COLUMNS, "preferred_forms", gettext_lazy("Mentees base")),
}


def cell(person, column, m2m_field):
    value = getattr(person, column.field)
    if column.field == m2m_field:
        return "; ".join(form.name for form in value.all())
    if column.field == "organization":
        return value.name if value else ""
    model_field = person._meta.get_field(column.field)
    if model_field.choices:
        return getattr(person, f"get_{column.field}_display")()
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if value is None or isinstance(value, datetime.date | int | str):
        return "" if value is None else value
    return str(value)


def export_table(target: str, queryset=None):
    """(sheet title, headers, rows) of a base, in the importer's layout."""
    model, columns, m2m_field, title = LAYOUTS[target]
    if queryset is None:
        queryset = model.objects.all()
    people = list(
        queryset.select_related("organization").prefetch_related(m2m_field).order_by("full_name")
    )
    questions = list(dict.fromkeys(q for p in people for q in (p.questionnaire_answers or {})))
    headers = [column.russian for column in columns] + questions
    rows = (
        [cell(person, column, m2m_field) for column in columns]
        + [(person.questionnaire_answers or {}).get(q, "") for q in questions]
        for person in people
    )
    return str(title), headers, rows
