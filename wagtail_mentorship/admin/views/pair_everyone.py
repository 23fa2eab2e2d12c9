"""«Подобрать пары всем»: the best pairing of every mentee without a mentor in the user's scope
(``pairing.plan``), reviewed row by row, and the ticked pairs created in «forming» state in one
transaction, all or nothing.

The proposals travel from the review to the creation signed, as (mentee, mentor, form) ids of
this user: a curator ticks rows, never types ids. Each id is checked against the user's scope
again before anything is created, since a scope can shrink between the two steps.
"""

from dataclasses import astuple, dataclass
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from ...access.people_choosers import person_label
from ...access.policies import mentee_policy
from ...models import Mentee, MentorshipForm, MentorshipPair
from ...pairing.plan import propose
from ..links import snippet_url
from .matching import create_forming_pair, may_add_pair, mentees_to_pair, pairable_mentors

DEFAULT_MIN_SCORE = 40
SALT = "wagtail_mentorship.pair_everyone"
MAX_AGE = 24 * 60 * 60  # proposals left overnight are made again: the base has moved on


class MinimumScoreForm(forms.Form):
    min_score = forms.IntegerField(
        label=gettext_lazy("Minimum match score"),
        min_value=0,
        max_value=100,
        initial=DEFAULT_MIN_SCORE,
        help_text=gettext_lazy(
            "From 0 to 100. A mentee stays without a mentor rather than get one who "
            "matches them below this score."
        ),
    )


@dataclass(frozen=True)
class Proposed:
    """One row of the review, as signed: whom with whom through which form."""

    mentee_id: int
    mentor_id: int
    form_id: int | None

    @classmethod
    def of(cls, proposal):
        form = proposal.suggestion.form
        return cls(proposal.mentee.pk, proposal.suggestion.mentor.pk, form.pk if form else None)


def sign(user, min_score: int, rows: list[Proposed]) -> str:
    payload = {
        "user": user.pk,
        "min_score": min_score,
        "rows": [astuple(row) for row in rows],
    }
    return signing.dumps(payload, salt=SALT, compress=True)


def unsign(user, value: str) -> tuple[int, list[Proposed]]:
    """The minimum score and the rows of a review this user was shown; ``BadSignature`` for
    anything else (altered, expired, another user's)."""
    payload = signing.loads(value or "", salt=SALT, max_age=MAX_AGE)
    if payload.get("user") != user.pk:
        raise signing.BadSignature("the proposals of another user")
    return payload["min_score"], [Proposed(*row) for row in payload["rows"]]


@dataclass(frozen=True)
class ReviewRow:
    number: int  # as the table and the error messages name the row
    proposal: object
    mentee_label: str
    mentor_label: str
    ticked: bool


def pairs_listing_url(**filters) -> str:
    url = snippet_url(MentorshipPair, "list")
    return f"{url}?{urlencode(filters)}" if filters else url


class PairEveryoneView(WagtailAdminTemplateMixin, TemplateView):
    """GET: the minimum score; POST «propose»: the review; POST «create»: the ticked pairs."""

    template_name = "wagtail_mentorship/admin/pair_everyone.html"
    page_title = gettext_lazy("Pair everyone")
    header_icon = "group"
    http_method_names = ["get", "post"]

    def dispatch(self, request, *args, **kwargs):
        if not may_add_pair(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        listing = {"url": pairs_listing_url(), "label": MentorshipPair.snippet_viewset.menu_label}
        return [*self.breadcrumbs_items, listing, {"url": "", "label": self.page_title}]

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=MinimumScoreForm()))

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") == "create":
            return self.create(request)
        form = MinimumScoreForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        return self.review(form.cleaned_data["min_score"])

    def review(self, min_score: int, unticked=frozenset(), problems=(), status=200):
        mentees = (
            mentees_to_pair(self.request.user)
            .select_related("organization")  # for their labels; the plan prefetches the rest
            .order_by("full_name", "pk")
        )
        plan = propose(mentees, pairable_mentors(self.request.user), min_score=min_score)
        proposed = [Proposed.of(proposal) for proposal in plan.proposals]
        rows = [
            ReviewRow(
                number,
                proposal,
                person_label(proposal.mentee),
                person_label(proposal.suggestion.mentor),
                ticked=signed not in unticked,
            )
            for number, (proposal, signed) in enumerate(
                zip(plan.proposals, proposed, strict=True), 1
            )
        ]
        context = self.get_context_data(
            form=MinimumScoreForm(initial={"min_score": min_score}),
            plan=plan,
            rows=rows,
            unassigned=[(person_label(m), plan.greedy_for(m)) for m in plan.unassigned],
            signed=sign(self.request.user, min_score, proposed),
            problems=problems,
            waiting=len(plan.proposals) + len(plan.unassigned),
        )
        return self.render_to_response(context, status=status)

    def create(self, request):
        try:
            min_score, rows = unsign(request.user, request.POST.get("plan"))
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            messages.error(
                request,
                _(
                    "These proposals cannot be read: they are out of date or were altered. "
                    "Nothing was created; propose the pairs again."
                ),
            )
            return self.render_to_response(
                self.get_context_data(form=MinimumScoreForm()), status=400
            )
        ticked = {int(i) for i in request.POST.getlist("accept") if i.isdigit()}
        chosen = [(number, row) for number, row in enumerate(rows, 1) if number - 1 in ticked]
        unticked = frozenset(row for number, row in enumerate(rows, 1) if number - 1 not in ticked)
        if not chosen:
            messages.error(request, _("Tick at least one pair to create."))
            return self.review(min_score, unticked)
        with transaction.atomic():
            problems = create_pairs(chosen, request.user)
            if problems:
                transaction.set_rollback(True)
        if problems:
            messages.error(
                request,
                _(
                    "Nothing was created: the base changed after the proposals were made. "
                    "Here are fresh proposals."
                ),
            )
            return self.review(min_score, unticked, problems, status=409)
        count = len(chosen)
        messages.success(
            request,
            ngettext("%(count)s pair created", "%(count)s pairs created", count) % {"count": count},
        )
        return redirect(pairs_listing_url(status=MentorshipPair.Status.FORMING))


def create_pairs(chosen, user) -> list[str]:
    """A pair in «forming» state for each (row number, ``Proposed``) of ``chosen``; what stops
    a row, named by its number, when any does (the caller then rolls them all back)."""
    mentee_ids = {row.mentee_id for _number, row in chosen}
    mentor_ids = {row.mentor_id for _number, row in chosen}
    # The mentors' rows are locked, as for one click: two curators at once keep capacities.
    locked = pairable_mentors(user).filter(pk__in=mentor_ids).order_by("pk").select_for_update()
    mentors = {mentor.pk: mentor for mentor in locked}
    # And the mentees', so that two plans at once cannot give one mentee two mentors: the
    # second waits here, then finds the mentee paired.
    list(Mentee.objects.filter(pk__in=mentee_ids).order_by("pk").select_for_update())
    waiting = mentees_to_pair(user).select_related("organization").in_bulk(mentee_ids)
    mine = mentee_policy.filter_for_user(user, Mentee.objects.all(), ("change",))
    known = mine.in_bulk(mentee_ids)
    forms = MentorshipForm.objects.in_bulk({row.form_id for _number, row in chosen} - {None})
    problems = []
    for number, row in chosen:
        mentee, mentor = waiting.get(row.mentee_id), mentors.get(row.mentor_id)
        form = forms.get(row.form_id)
        if row.mentee_id not in known:
            why = _("this mentee is not among the mentees you may pair.")
        elif mentee is None:
            why = _(
                "%(name)s no longer waits for a mentor: they are in a pair already or have "
                "left the programme."
            ) % {"name": known[row.mentee_id].full_name}
        elif mentor is None or mentor.status != mentor.Status.APPROVED:
            why = _("the mentor is no longer an approved mentor you may pair.")
        elif row.form_id is not None and form is None:
            why = _("the form of mentorship has been deleted.")
        else:
            _pair, errors = create_forming_pair(mentor, mentee, form, user)
            if not errors:
                continue
            why = " ".join(errors)
        problems.append(_("Row %(row)s: %(why)s") % {"row": number, "why": why})
    return problems
