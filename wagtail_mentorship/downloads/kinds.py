"""The files the admin prepares: the monitoring report (xlsx and the analytical note), the
order assigning pairs and a pair's individual plan (docx), and a base for re-import (xlsx).
Each is built for the user who asked, as the page they asked on would show it; those with
personal data write their audit entries, as every export does."""

import tempfile

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from ..access.policies import READ, pair_policy, policy_for
from ..access.scope import scope_for
from ..importing.audit import EXPORT_ACTION, log_for_each
from ..importing.exporting import LAYOUTS, export_table
from ..models import MentorshipPair
from ..monitoring.documents import DOCX_CONTENT_TYPE, order_document, plan_document
from ..monitoring.report_files import may_see_report, report_docx, report_for, report_xlsx
from ..spreadsheets.writing import XLSX_CONTENT_TYPE, dated_filename, write_xlsx
from .registry import register

MONITORING_XLSX = "monitoring_xlsx"
ANALYTIC_NOTE = "analytic_note"
PAIRS_ORDER = "pairs_order"
PAIR_PLAN = "pair_plan"
BASE = "base"


def sees_report(user, parameters) -> bool:
    """The report's chosen organisation (if any) is still the user's."""
    organization = parameters.get("organization")
    return may_see_report(user) and (organization is None or organization in scope_for(user))


@register(MONITORING_XLSX, _("Programme monitoring (xlsx)"), sees_report)
def monitoring_xlsx(user, parameters):
    """``parameters``: the programme ``year`` and the chosen ``organization`` (or none)."""
    return report_xlsx(report_for(user, parameters.get("organization"), parameters["year"]))


@register(ANALYTIC_NOTE, _("Analytical note (docx)"), sees_report)
def analytic_note(user, parameters):
    return report_docx(report_for(user, parameters.get("organization"), parameters["year"]))


def visible_pairs(user, pks):
    chosen = MentorshipPair.objects.filter(pk__in=pks)
    return pair_policy.filter_for_user(user, chosen, READ)


def sees_the_pairs(user, parameters) -> bool:
    """Every pair of the document is still the user's to see."""
    pks = set(parameters["pairs"])
    return bool(pks) and visible_pairs(user, pks).count() == len(pks)


def pairs_with_people(queryset) -> list:
    pairs = queryset.select_related("mentor", "form", "organization")
    return list(pairs.prefetch_related("mentees"))


@register(PAIRS_ORDER, _("Order assigning the pairs (docx)"), sees_the_pairs)
def pairs_order(user, parameters):
    """``parameters``: the ``pairs`` chosen in the listing, of those the user sees."""
    pairs = pairs_with_people(visible_pairs(user, parameters["pairs"]))
    log_for_each(pairs, EXPORT_ACTION, user, data={"format": "docx", "document": "order"})
    name = dated_filename(pgettext("file name", "order assigning pairs"), extension="docx")
    return order_document(pairs), name, DOCX_CONTENT_TYPE


@register(PAIR_PLAN, _("Individual plan (docx)"), sees_the_pairs)
def pair_plan(user, parameters):
    """``parameters``: the one pair in ``pairs``."""
    [pair] = pairs_with_people(visible_pairs(user, parameters["pairs"]))
    log_for_each([pair], EXPORT_ACTION, user, data={"format": "docx", "document": "plan"})
    kind = pgettext("file name", "individual plan")
    name = dated_filename(kind, pair.mentor.full_name, extension="docx")
    return plan_document(pair), name, DOCX_CONTENT_TYPE


def base_policy(parameters):
    return policy_for(LAYOUTS[parameters["target"]].model)


def may_view_base(user, parameters) -> bool:
    return base_policy(parameters).user_has_permission(user, "view")


@register(BASE, _("Base for re-import (xlsx)"), may_view_base)
def base(user, parameters):
    """``parameters``: the ``target`` (mentors, mentees, pairs). The people of the user's
    organisations (and the partners of their pairs), in the importer's layout, named as the
    listing's own export names the base, in the worker's (the site's) language."""
    target = parameters["target"]
    queryset = base_policy(parameters).filter_for_user(user, LAYOUTS[target].queryset(), READ)
    title, headers, rows = export_table(target, queryset)
    # Written to a temporary file and stored from it: a town's base never sits in memory.
    stream = tempfile.TemporaryFile()  # noqa: SIM115  (the task closes it)
    write_xlsx(title, headers, rows, stream)
    log_for_each(queryset, EXPORT_ACTION, user, data={"format": "xlsx", "layout": target})
    stream.seek(0)
    # The snippet viewset's name of the base, translated here, not in the request's language.
    viewset = getattr(LAYOUTS[target].model, "snippet_viewset", None)
    stem = str(getattr(viewset, "export_filename", None) or target)
    name = dated_filename(stem, pgettext("file name", "base"), extension="xlsx")
    return stream, name, XLSX_CONTENT_TYPE


def may_prepare_any(user) -> bool:
    """May ``user`` ask for at least one kind of file: the report, or a base (and with the
    pairs' base, the pairs' documents)?"""
    return may_see_report(user) or any(
        policy_for(layout.model).user_has_permission(user, "view") for layout in LAYOUTS.values()
    )
