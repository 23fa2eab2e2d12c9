"""What the preview shows before anything is written: the columns as recognised, the first
rows as they will be saved, in the curator's terms, and what the curator must decide on
(people with no organisation, minors with no legal representative, no consent)."""

import datetime
import functools

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl.utils import get_column_letter

from ..people.consent import may_process, today
from .columns_resource import ANSWER_PREFIX
from .reports import Caution, ColumnUse, PreviewRow
from .rows import ROW

PREVIEW_ROWS = 10  # rows shown as they will be saved
EMPTY = "—"
ANSWERS_FIELD = "questionnaire_answers"  # where the columns that match no field go

NO_ORGANIZATION, NO_REPRESENTATIVE, NO_CONSENT = Caution.KINDS


def field_label(model, name) -> str:
    """A field's name as the curator reads it (its verbose name); an answer by its question."""
    if name.startswith(ANSWER_PREFIX):
        return _("answer «%(question)s»") % {"question": name[len(ANSWER_PREFIX) :]}
    return str(model._meta.get_field(name).verbose_name)


def display(model, name, value) -> str:
    """A value as the curator reads it: choices by label, dates as dd.mm.yyyy, yes or no,
    related records by name, «—» for nothing."""
    if value is None or value == "" or value == []:
        return EMPTY
    if name.startswith(ANSWER_PREFIX):
        return str(value)
    field = model._meta.get_field(name)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return pgettext("spreadsheet cell", "yes") if value else pgettext("spreadsheet cell", "no")
    if isinstance(value, datetime.date):
        return date_format(value, "d.m.Y")
    if field.many_to_many or isinstance(value, list | tuple | set):
        return ", ".join(_related_names(field.related_model, value)) or EMPTY
    return str(value)


def _related_names(model, items) -> list[str]:
    """Names of related records given as records or as their ids (a snapshot keeps ids)."""
    ids = [item for item in items if not hasattr(item, "pk")]
    found = model.objects.in_bulk(ids) if ids else {}
    return [str(item if hasattr(item, "pk") else found.get(item, item)) for item in items]


def column_uses(match, ignored, model) -> list:
    """Each column of the file, in its order: the field it fills, the answers, or ignored.
    ``ignored`` holds the indexes of columns without a header whose cells hold something."""
    uses = {}
    for index, column in match.fields.items():
        try:
            label = field_label(model, column.field)
        except LookupError:  # a column the model has no field of its name for
            label = column.russian
        uses[index] = ColumnUse(match.written[column.field], ColumnUse.FIELD, label)
    answers = field_label(model, ANSWERS_FIELD) if hasattr(model, ANSWERS_FIELD) else ""
    for index, header in match.unmatched.items():
        uses[index] = ColumnUse(header, ColumnUse.ANSWER, answers)
    for index in ignored:
        letter = get_column_letter(index + 1)
        header = _("column %(letter)s, without a header") % {"letter": letter}
        uses.setdefault(index, ColumnUse(header, ColumnUse.IGNORED))
    return [uses[index] for index in sorted(uses)]


class PreviewResourceMixin:
    """Put before a resource of ``resources``: keeps the first rows as they will be saved
    and the rows to decide on. With ``defer_organization`` (the preview of a file whose
    organisation is still to be chosen), a new record with no organisation is not refused
    but counted: the curator chooses one for the whole file before confirming."""

    def __init__(self, *args, defer_organization=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.defer_organization = defer_organization
        self.previewed = []  # (row number, state, snapshot) of the first valid rows
        self.caution_rows = {kind: [] for kind in Caution.KINDS}
        self.today = today()  # once: the local date costs a time zone lookup

    def place(self, instance, errors) -> None:
        deferred = self.defer_organization and self.organization is None
        if deferred and instance.pk is None and instance.organization_id is None:
            return  # chosen in the preview, for the whole file
        super().place(instance, errors)

    def import_instance(self, instance, row, **kwargs):
        number, is_new = row[ROW], instance.pk is None
        super().import_instance(instance, row, **kwargs)  # raises for an invalid row
        self.note_cautions(number, instance, is_new)
        if len(self.previewed) < PREVIEW_ROWS:
            changed = self.changes.get(number)
            state = "new" if is_new else "updated" if changed else "unchanged"
            self.previewed.append((number, state, self.snapshot(instance)))

    def note_cautions(self, number, instance, is_new) -> None:
        if is_new and instance.organization_id is None:
            self.caution_rows[NO_ORGANIZATION].append(number)
        if getattr(instance, "is_minor", False) and not instance.representative_name:
            self.caution_rows[NO_REPRESENTATIVE].append(number)
        if hasattr(instance, "processing_consent_date") and not may_process(instance, self.today):
            self.caution_rows[NO_CONSENT].append(number)

    def cautions(self) -> list:
        return [Caution(kind, rows) for kind, rows in self.caution_rows.items() if rows]

    def preview_rows(self, fields) -> list:
        """The first rows, by ``fields``, then the answers kept with each person."""
        model = self._meta.model
        with_answers = hasattr(model, ANSWERS_FIELD)
        rows = []
        for number, state, snapshot in self.previewed:
            values = [(field_label(model, f), display(model, f, snapshot.get(f))) for f in fields]
            answers = "; ".join(
                f"{name[len(ANSWER_PREFIX) :]}: {value}"
                for name, value in snapshot.items()
                if name.startswith(ANSWER_PREFIX) and value
            )
            if with_answers:
                values.append((field_label(model, ANSWERS_FIELD), answers or EMPTY))
            rows.append(PreviewRow(number, state, values))
        return rows


@functools.cache
def preview_resource(resource_class):
    """``resource_class`` with the preview's rows and cautions kept."""
    return type(resource_class.__name__, (PreviewResourceMixin, resource_class), {})
