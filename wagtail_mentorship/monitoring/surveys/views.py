"""The public survey form behind a personal link: no account, nothing else of the base."""

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from ... import conf
from ...people.consent import processing_withdrawn
from . import tokens
from .forms import SurveyAnswersForm

TEMPLATE = "wagtail_mentorship/surveys/survey_form.html"
CLOSED_TEMPLATE = "wagtail_mentorship/surveys/survey_closed.html"


def respond(request, template, context, status=200):
    context = {"base_template": conf.base_template(), **context}
    response = TemplateResponse(request, template, context, status=status)
    # The token is in the address: no cache keeps it, no other site receives it as a referrer
    # ("no-referrer" would make the browser send «Origin: null», which CSRF refuses).
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
def survey_form(request, token):
    invitation = tokens.invitation_for(token)
    if invitation is None:
        return respond(request, CLOSED_TEMPLATE, {"reason": "unknown"}, status=404)
    round_ = invitation.round
    shown = {"survey": round_.survey, "organization": round_.organization, "round": round_}
    if processing_withdrawn(invitation.participant):
        # Consent withdrawn since the link was sent: the base takes no more answers of theirs.
        return respond(request, CLOSED_TEMPLATE, {**shown, "reason": "no_consent"}, status=410)
    if tokens.is_expired(invitation) or timezone.localdate() > round_.closes_on:
        return respond(request, CLOSED_TEMPLATE, {**shown, "reason": "closed"}, status=410)
    if timezone.localdate() < round_.opens_on:
        return respond(request, CLOSED_TEMPLATE, {**shown, "reason": "not_open"})
    if request.method == "POST":
        form = SurveyAnswersForm(invitation, request.POST)
        if form.is_valid():
            first_time = invitation.submitted_at is None
            form.save()
            return redirect(f"{request.path}?saved={'new' if first_time else 'changed'}")
    else:
        form = SurveyAnswersForm(invitation)
    return respond(
        request,
        TEMPLATE,
        {
            **shown,
            "form": form,
            "answered": invitation.submitted_at is not None,
            "saved": request.GET.get("saved"),
        },
    )
