"""The admin's side of retention: the report «Retention period over» of each person base, the
confirmed anonymisation of the people chosen in it, and the subject access record."""

from io import BytesIO

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView

from .. import conf
from ..access.policies import policy_for
from ..importing import audit
from ..spreadsheets.writing import XLSX_CONTENT_TYPE
from .anonymise import anonymise, cutoff, expired
from .subject_record import subject_filename, write_subject_record

DATE_FORMAT = "%d.%m.%Y"


class PersonBaseViewMixin:
    """Bound by the viewset to one person base: ``model`` and the viewset's URL namespace."""

    model = None
    url_namespace = None

    @property
    def permission_policy(self):
        return policy_for(self.model)

    def url(self, name, *args):
        return reverse(f"{self.url_namespace}:{name}", args=args)

    def listing_crumb(self):
        return {"url": self.url("list"), "label": capfirst(self.model._meta.verbose_name_plural)}


def eligible(model, user):
    """The ``model``'s people whose retention is over and whom ``user`` may change."""
    return policy_for(model).filter_for_user(user, expired(model), ["change"])


def retention_reasons(person) -> list[str]:
    """Why a person from ``expired()`` is listed, in the curator's words."""
    reasons = []
    if person.consent_withdrawn_on:
        reasons.append(
            _("Consent to processing withdrawn on %(date)s")
            % {"date": person.consent_withdrawn_on.strftime(DATE_FORMAT)}
        )
    ended = person.programme_ended_on
    if ended and ended < cutoff():
        reasons.append(_("Programme ended on %(date)s") % {"date": ended.strftime(DATE_FORMAT)})
    return reasons


class RetentionReportView(PersonBaseViewMixin, ReportView):
    """The people of the user's organisations whose data is no longer to be kept."""

    permission_required = "change"
    page_title = gettext_lazy("Retention period over")
    header_icon = "time"
    results_template_name = "wagtail_mentorship/admin/retention_results.html"
    paginate_by = 50

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.is_export = False  # a list of people to anonymise is not for downloading

    @property
    def index_url_name(self):
        return f"{self.url_namespace}:retention"

    @property
    def index_results_url_name(self):
        return f"{self.url_namespace}:retention_results"

    def get_page_subtitle(self):
        return capfirst(self.model._meta.verbose_name_plural)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            self.listing_crumb(),
            {"url": "", "label": self.get_page_title()},
        ]

    def get_queryset(self):
        return (
            eligible(self.model, self.request.user)
            .select_related("organization")
            .order_by("full_name", "pk")
        )

    def decorate_paginated_queryset(self, object_list):
        return [(person, retention_reasons(person)) for person in object_list]

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["anonymise_url"] = self.url("anonymise")
        context["inspect_url_name"] = f"{self.url_namespace}:inspect"
        context["retention_days"] = conf.retention_days()
        return context


class AnonymiseView(PersonBaseViewMixin, WagtailAdminTemplateMixin, View):
    """POST the chosen ids: a page that asks to confirm; POST again with ``confirm``: done.

    Only people both expired and of the user's organisations are anonymised, whatever ids
    the form sent.
    """

    http_method_names = ["get", "post"]
    template_name = "wagtail_mentorship/admin/anonymise_confirm.html"
    page_title = gettext_lazy("Anonymise")
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        if not self.permission_policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return capfirst(self.model._meta.verbose_name_plural)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            self.listing_crumb(),
            {"url": self.url("retention"), "label": _("Retention period over")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get(self, request):
        return redirect(self.url("retention"))

    def post(self, request):
        ids = [pk for pk in request.POST.getlist("id") if pk.isdigit()]
        people = eligible(self.model, request.user).filter(pk__in=ids).order_by("full_name")
        if not people:
            messages.warning(request, _("Choose the people to anonymise."))
            return redirect(self.url("retention"))
        if request.POST.get("confirm") != "yes":
            context = self.get_context_data(people=list(people), report_url=self.url("retention"))
            return self.render_to_response(context)
        count = anonymise(people, request.user)
        messages.success(
            request,
            ngettext("%(count)s person anonymised.", "%(count)s people anonymised.", count)
            % {"count": count},
        )
        return redirect(self.url("retention"))


class SubjectRecordView(PersonBaseViewMixin, View):
    """«Subject access record»: everything the base holds on one person, as one xlsx file."""

    http_method_names = ["get"]

    def get(self, request, pk):
        policy = self.permission_policy
        if not policy.user_has_any_permission(request.user, ["view", "change"]):
            raise PermissionDenied
        person = self.model._default_manager.filter(pk=pk).first() if pk.isdigit() else None
        if person is None or not policy.user_has_any_permission_for_instance(
            request.user, ["view", "change"], person
        ):
            raise Http404
        audit.log_for_each(
            [person],
            audit.EXPORT_ACTION,
            request.user,
            data={"format": "xlsx", "layout": "subject"},
        )
        buffer = BytesIO()
        write_subject_record(person, request.user, buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{subject_filename(person)}"'
        response["Cache-Control"] = "private, no-store"
        return response
