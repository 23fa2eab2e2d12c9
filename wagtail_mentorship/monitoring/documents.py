"""The programme's documents a school signs, as .docx: the order assigning the pairs
(«Приказ о закреплении наставнических пар») and a pair's individual development plan.

The wording lives in templates, one block each, under ``wagtail_mentorship/documents/``
(paragraphs separated by a blank line, a single line break kept within a paragraph). A school
rewords a document by putting a file of the same name under ``wagtail_mentorship/documents/``
in a template directory its site searches before the app's (``TEMPLATES["DIRS"]``). The
tables (pairs, meetings) are built here. The pairs passed in are already scoped to the user.
"""

import io
import re

from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.translation import gettext as _

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EMPTY = "—"
TEMPLATES = "wagtail_mentorship/documents/"
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def short_date(value) -> str:
    return date_format(value, "SHORT_DATE_FORMAT") if value else ""


def term(pair) -> str:
    """«01.09.2025 – 31.05.2026», «с 01.09.2025», «до 31.05.2026» or «—»."""
    start, end = short_date(pair.start_date), short_date(pair.end_date)
    if start and end:
        return f"{start} – {end}"
    if start:
        return _("since %(date)s") % {"date": start}
    if end:
        return _("until %(date)s") % {"date": end}
    return EMPTY


def organization_names(pairs) -> str:
    names = dict.fromkeys(p.organization.name for p in pairs if p.organization_id)
    return ", ".join(names)


def block(document, name: str, context: dict, centred: bool = False, bold: bool = False):
    """The paragraphs of the template ``name``, added to ``document``."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH  # with python-docx, where a document is made

    text = render_to_string(TEMPLATES + name, context).strip()
    for paragraph_text in PARAGRAPH_BREAK.split(text):
        paragraph = document.add_paragraph()
        for number, line in enumerate(paragraph_text.splitlines()):
            run = paragraph.add_run()
            if number:
                run.add_break()
            run.add_text(line.strip())
            run.bold = bold
        if centred:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def table(document, headers, rows):
    grid = document.add_table(rows=1, cols=len(headers))
    grid.style = "Table Grid"
    for cell, header in zip(grid.rows[0].cells, headers, strict=True):
        cell.text = str(header)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        for cell, value in zip(grid.add_row().cells, row, strict=True):
            cell.text = str(value) if value not in (None, "") else EMPTY
    return grid


def new_document():
    # python-docx (and lxml's parts it brings) is loaded by the worker that writes a
    # document, not by every app process: it weighs some 16 MB.
    from docx import Document
    from docx.shared import Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    return document


def saved(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pair_row(number, pair) -> tuple:
    mentees = "\n".join(mentee.full_name for mentee in pair.mentees.all())
    return (number, pair.mentor.full_name, mentees, pair.form or EMPTY, term(pair))


def order_document(pairs) -> bytes:
    """The order assigning ``pairs`` (mentor, mentees, form and term of each) as .docx."""
    pairs = list(pairs)
    context = {"pairs": pairs, "organization_names": organization_names(pairs)}
    document = new_document()
    block(document, "order_heading.txt", context, centred=True, bold=True)
    block(document, "order_preamble.txt", context)
    headers = ("№", _("Mentor"), _("Mentees"), _("Form of mentorship"), _("Term"))
    table(document, headers, (pair_row(n, pair) for n, pair in enumerate(pairs, 1)))
    block(document, "order_closing.txt", context)
    return saved(document)


def plan_document(pair) -> bytes:
    """A pair's individual development plan as .docx: who, what for, when, the plan, the
    meetings and the signatures."""
    mentees = list(pair.mentees.all())
    context = {
        "pair": pair,
        "mentees": mentees,
        "organization_names": organization_names([pair]),
    }
    document = new_document()
    block(document, "plan_heading.txt", context, centred=True, bold=True)
    about = (
        (_("Mentor"), pair.mentor.full_name),
        (_("Mentees"), "\n".join(mentee.full_name for mentee in mentees)),
        (_("Form of mentorship"), pair.form),
        (_("Goal"), pair.goal),
        (_("Term"), term(pair)),
    )
    grid = table(document, (_("Item"), _("Value")), about)
    grid.rows[0]._tr.getparent().remove(grid.rows[0]._tr)  # a form, not a list: no header row
    document.add_paragraph().add_run(_("Plan")).bold = True
    for text in (pair.development_plan or EMPTY).splitlines():
        if text.strip():
            document.add_paragraph(text.strip())
    document.add_paragraph().add_run(_("Meetings")).bold = True
    meetings = pair.meetings.order_by("date")
    if meetings:
        table(
            document,
            ("№", _("Date"), _("Kind"), _("Notes")),
            (
                (n, short_date(m.date), m.get_kind_display(), m.notes)
                for n, m in enumerate(meetings, 1)
            ),
        )
    else:
        document.add_paragraph(EMPTY)
    block(document, "plan_signatures.txt", context)
    return saved(document)
