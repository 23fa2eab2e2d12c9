"""Suggested mentors: on a mentee's admin page, in the «Наставляемые без наставника» report,
and the one click that turns a suggestion into a pair in «forming» state (the one place
that creates a pair from a suggestion, «Подобрать пары всем» too)."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets.button import HeaderButton
from wagtail.log_actions import log

from ...access.policies import READ, mentee_policy, policy_for
from ...access.redirects import safe_next
from ...models import Mentee, Mentor, MentorshipForm, MentorshipPair
from ...people.consent_gaps import consent_gaps
from ...people.matching import MentorPool, Suggestion
from ...people.pair_rules import pair_errors
from ..links import snippet_url
from .people import PersonalDataExportMixin, PersonInspectView


@dataclass(frozen=True)
class MenteeSuggestions:
    mentee: Mentee
    suggestions: list[Suggestion]
    consent_gaps: tuple[str, ...]  # what consent the mentee lacks, shown before any click


def pairable_mentors(user):
    """The mentors ``user`` may pair a mentee with: those they see (a coordinator: anyone)."""
    return policy_for(Mentor).filter_for_user(user, Mentor.objects.all(), READ)


def mentees_to_pair(user):
    """The mentees without a mentor that ``user`` may pair: those they may change."""
    return mentee_policy.filter_for_user(user, Mentee.objects.without_mentor(), ("change",))


def suggestions_for(mentees, limit, user) -> list[MenteeSuggestions]:
    """Suggestions for each mentee, from one pool of the mentors ``user`` sees: a curator's
    organisations, every organisation for a coordinator."""
    pool = MentorPool.load(pairable_mentors(user))
    return [
        MenteeSuggestions(mentee, pool.suggest(mentee, limit=limit), consent_gaps(mentee))
        for mentee in mentees
    ]


def may_add_pair(user) -> bool:
    return policy_for(MentorshipPair).user_has_permission(user, "add")


def create_forming_pair(mentor, mentee, form, user) -> tuple[MentorshipPair | None, list[str]]:
    """The one place a suggestion becomes a pair: saved in «forming» state and logged, or
    nothing saved and the rules it would break, in words. The caller locks the mentor's row."""
    pair = MentorshipPair(
        mentor=mentor,
        form=form,
        organization=mentee.organization or mentor.organization,
        status=MentorshipPair.Status.FORMING,
    )
    errors = pair_errors(pair, [mentee])
    if errors:
        return None, [message for field_errors in errors.values() for message in field_errors]
    pair.mentees.set([mentee])  # kept in memory by modelcluster until the pair is saved
    pair.save()
    log(pair, "wagtail.create", user=user)
    return pair, []


class PairEveryoneButtonMixin:
    """A header button to «Подобрать пары всем», for a user who may add pairs."""

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if may_add_pair(self.request.user):
            url = reverse("wagtail_mentorship:pair_everyone")
            buttons.append(HeaderButton(_("Pair everyone"), url=url, icon_name="group"))
        return buttons


class MenteeInspectView(PersonInspectView):
    template_name = "wagtail_mentorship/admin/mentee_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        mentee = self.object
        has_pair = mentee.pairs.filter(status__in=MentorshipPair.CURRENT_STATUSES).exists()
        context["has_current_pair"] = has_pair
        context["mentee"] = mentee
        context["mentee_consent_gaps"] = consent_gaps(mentee)
        context["suggestions"] = (
            []
            if has_pair
            else suggestions_for([mentee], limit=5, user=self.request.user)[0].suggestions
        )
        context["create_pair_url"] = snippet_url(Mentee, "create_pair", mentee.pk)
        context["can_add_pair"] = may_add_pair(self.request.user)
        return context


class MenteesWithoutMentorView(PairEveryoneButtonMixin, PersonalDataExportMixin, ReportView):
    model = Mentee
    # Named outright: Wagtail 7.4's reports check page permissions by default.
    permission_policy = mentee_policy
    any_permission_required = ["view", "change"]
    page_title = gettext_lazy("Mentees without a mentor")
    header_icon = "user"
    results_template_name = "wagtail_mentorship/admin/without_mentor_results.html"
    list_export = ["full_name", "class_name", "organization", "request", "email", "phone"]
    export_filename = "mentees-without-mentor"
    paginate_by = 50

    def get_queryset(self):
        return (
            mentees_to_pair(self.request.user)
            .select_related("organization")
            .prefetch_related("preferred_forms")
            .order_by("full_name")
        )

    def decorate_paginated_queryset(self, object_list):
        if self.is_export:  # the spreadsheet lists the mentees alone
            return object_list
        return suggestions_for(object_list, limit=3, user=self.request.user)

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["can_add_pair"] = may_add_pair(self.request.user)
        return context


def id_or_404(value) -> int:
    """A record's id from a form; anything else is a page that does not exist."""
    if value is None or not str(value).isdigit():
        raise Http404
    return int(value)


class CreatePairFromSuggestionView(View):
    """POST: a pair of the suggested mentor and this mentee, in «forming» state."""

    http_method_names = ["post"]

    def post(self, request, pk):
        user = request.user
        if not may_add_pair(user):
            raise PermissionDenied
        # The mentee is the user's to pair; the mentor one they see (a coordinator: anyone).
        mentee = get_object_or_404(
            mentee_policy.filter_for_user(user, Mentee.objects.all(), ("change",)), pk=pk
        )
        mentor_id, form_id = id_or_404(request.POST.get("mentor")), request.POST.get("form")
        form = get_object_or_404(MentorshipForm, pk=id_or_404(form_id)) if form_id else None
        with transaction.atomic():
            # The mentor's row is locked: two clicks at once make one pair, and one capacity.
            mentor = get_object_or_404(pairable_mentors(user).select_for_update(), pk=mentor_id)
            existing = MentorshipPair.objects.filter(
                mentor=mentor,
                mentees=mentee,
                form=form,
                status__in=MentorshipPair.CURRENT_STATUSES,
            ).first()
            if existing is not None:
                messages.info(request, _("This pair exists already: here it is."))
                return redirect(snippet_url(MentorshipPair, "edit", existing.pk))
            pair, errors = create_forming_pair(mentor, mentee, form, user)
            if errors:
                for message in errors:
                    messages.error(request, message)
                return redirect(safe_next(request) or self.inspect_url(mentee))
        messages.success(
            request,
            _("Pair «%(pair)s» created in «forming» state. Check it and make it active.")
            % {"pair": pair},
        )
        for gap in consent_gaps(mentee) + consent_gaps(mentor):
            messages.warning(request, gap)
        return redirect(snippet_url(MentorshipPair, "edit", pair.pk))

    @staticmethod
    def inspect_url(mentee):
        return snippet_url(Mentee, "inspect", mentee.pk)
