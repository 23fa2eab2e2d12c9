"""The monitoring report as files: the xlsx of its figures and the analytical note (.docx),
for the organisations a user may see."""

import io

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from ..access.scope import scope_for
from ..models import Organization
from ..spreadsheets.writing import XLSX_CONTENT_TYPE, dated_filename, write_xlsx
from .analytic_note import analytic_note_document
from .documents import DOCX_CONTENT_TYPE
from .figures import column_headers, figure_rows
from .report import programme_report


def visible_organizations(user):
    return Organization.objects.filter(scope_for(user).q("pk")).order_by("name")


def may_see_report(user) -> bool:
    scope = scope_for(user)
    return scope.everything or bool(scope.organization_ids)


def report_for(user, organization_id, year):
    """The report of ``year`` on the user's organisations, or on the one chosen of them."""
    organizations = visible_organizations(user)
    if organization_id:
        organizations = organizations.filter(pk=organization_id)
    return programme_report(organizations, year)


def report_filename(report, kind, extension: str) -> str:
    years = f"{report.year}-{report.year + 1}"
    return dated_filename(kind, years, extension=extension, dated=False)


def report_xlsx(report) -> tuple[bytes, str, str]:
    rows = [[str(label), *values] for label, values in figure_rows(report)]
    stream = io.BytesIO()
    write_xlsx(_("Programme monitoring"), column_headers(report), rows, stream)
    name = report_filename(report, pgettext("file name", "programme monitoring"), "xlsx")
    return stream.getvalue(), name, XLSX_CONTENT_TYPE


def report_docx(report) -> tuple[bytes, str, str]:
    name = report_filename(report, pgettext("file name", "analytical note"), "docx")
    return analytic_note_document(report), name, DOCX_CONTENT_TYPE
