"""«Информационно-аналитическая справка»: the monitoring report's figures for a programme year
as a .docx note to sign — heading, introduction, the figures' table (the rows of the admin page
and its xlsx), the growth from the start to the end of the programme, the conclusion and the
signatures. The wording lives in overridable templates, as the other documents' does
(``documents.py``); the report passed in is already scoped to the user."""

from django.utils import timezone
from django.utils.translation import gettext as _

from .documents import block, new_document, saved, short_date, table
from .figures import audience_label, column_headers, figure_rows, growth_text


def growth_lines(figures) -> list[str]:
    """«Наставляемые, «Уверенность в себе»: 5,0 → 7,5 (+2,5)», one a question."""
    return [
        _("%(audience)s, «%(question)s»: %(change)s")
        % {
            "audience": audience_label(growth.audience),
            "question": growth.question,
            "change": growth_text(growth),
        }
        for growth in (figures.growth if figures else [])
    ]


def analytic_note_document(report) -> bytes:
    context = {
        "report": report,
        "year": report.label,
        "starts_on": short_date(report.starts_on),
        "ends_on": short_date(report.ends_on),
        "organization_names": ", ".join(str(f.organization) for f in report.organizations),
        "prepared_on": short_date(timezone.localdate()),
    }
    document = new_document()
    block(document, "analytic_heading.txt", context, centred=True, bold=True)
    block(document, "analytic_introduction.txt", context)
    document.add_paragraph().add_run(_("Figures of the programme")).bold = True
    rows = ((label, *values) for label, values in figure_rows(report))
    table(document, column_headers(report), rows)
    document.add_paragraph().add_run(
        _("Growth from the start to the end of the programme")
    ).bold = True
    for line in growth_lines(report.summary) or [
        _("No question was asked both at the start and at the end of the programme.")
    ]:
        document.add_paragraph(line)
    block(document, "analytic_conclusion.txt", context)
    return saved(document)
