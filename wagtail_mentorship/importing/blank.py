"""A blank questionnaire per base: the headers the importer reads, drop-down lists for the
choices, and a sheet that says what to write in each column."""

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ..models import MentorshipForm
from ..spreadsheets import values
from ..spreadsheets.writing import yes_no
from .exporting import LAYOUTS

ROWS_WITH_LISTS = 1000  # how far down the drop-down lists reach


def column_choices(model, column) -> list[str]:
    """The values a column takes from a list, if it does."""
    if column.field in ("mentorship_forms", "preferred_forms", "form"):
        return list(MentorshipForm.objects.values_list("name", flat=True))
    if column.parse is values.boolean:
        return [yes_no(True), yes_no(False)]
    if column.field in {f.name for f in model._meta.fields}:
        field = model._meta.get_field(column.field)
        return [str(label) for _code, label in field.choices or ()]
    return []


def column_hint(model, column) -> str:
    hints = {
        values.date: _("a date, e.g. 01.09.2026"),
        values.email: _("an e-mail address"),
        values.whole_number: _("a whole number"),
        values.boolean: _("yes or no"),
        values.items: _("one or more, separated by commas"),
    }
    hint = hints.get(column.parse, _("text"))
    choices = column_choices(model, column)
    if choices and column.parse is not values.boolean:
        hint = _("%(hint)s from the list: %(choices)s") % {
            "hint": hint,
            "choices": "; ".join(choices),
        }
    if column.required:
        hint = _("required; %(hint)s") % {"hint": hint}
    return hint


def write_blank(target: str, stream) -> None:
    layout = LAYOUTS[target]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Questionnaire")
    for index, column in enumerate(layout.columns, start=1):
        cell = sheet.cell(row=1, column=index, value=column.russian)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(14, len(column.russian) + 4)
        choices = column_choices(layout.model, column)
        single = column.parse is not values.items
        if choices and single and len(";".join(choices)) < 250:  # Excel's limit for a list
            listed = ",".join(choice.replace(",", " ") for choice in choices)
            validation = DataValidation(type="list", formula1=f'"{listed}"', allow_blank=True)
            validation.error = _("Choose a value from the list.")
            validation.add(f"{letter}2:{letter}{ROWS_WITH_LISTS}")
            sheet.add_data_validation(validation)
    sheet.freeze_panes = "A2"

    guide = workbook.create_sheet(_("Instructions"))
    guide.append([_("How to fill in the questionnaire")])
    guide["A1"].font = Font(bold=True, size=13)
    guide.append(
        [
            _(
                "One row per person. Keep the headers of the first sheet as they are; "
                "columns you add are kept with each person's answers."
            )
        ]
    )
    guide.append([])
    guide.append([_("Column"), _("What to write")])
    for cell in guide[4]:
        cell.font = Font(bold=True)
    for column in layout.columns:
        guide.append([column.russian, column_hint(layout.model, column)])
    guide.column_dimensions["A"].width = 34
    guide.column_dimensions["B"].width = 90
    workbook.save(stream)
