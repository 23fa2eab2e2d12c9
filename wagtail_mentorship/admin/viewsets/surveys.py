"""The curator's admin of surveys and rounds, shown in the «Наставничество» menu group."""

from django.contrib import messages
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import CreateView, EditView, SnippetViewSet

from ...access.views import ScopedViewSetMixin
from ...models.surveys import Survey, SurveyRound
from ...monitoring.surveys import tokens
from ...monitoring.surveys.invitations import invite, left_out, reissue, send_links
from ...monitoring.surveys.links import links_context, participant_label
from ...monitoring.surveys.progress import with_progress
from ...monitoring.surveys.round_forms import SurveyRoundForm
from ...people.consent import processing_withdrawn
from ..views.survey_import import (
    SurveyAnswersPreviewView,
    SurveyAnswersUploadView,
    SurveyRoundIndexView,
)
from .wording import WordedViewSetMixin

LINKS_TEMPLATE = "wagtail_mentorship/surveys/admin/links.html"
INVITATIONS_TEMPLATE = "wagtail_mentorship/surveys/admin/invitations.html"


class SurveyViewSet(WordedViewSetMixin, SnippetViewSet):
    model = Survey
    icon = "form"
    menu_label = _("Surveys")
    menu_order = 600
    list_display = ["title", "stage", "audience", "active"]
    list_filter = ["stage", "audience", "active"]
    copy_view_enabled = True  # a school adapts a default survey as its own


class RoundCreateView(CreateView):
    """Starts the round: one invitation per participant, their links shown once and e-mailed."""

    def save_instance(self):
        self.form.instance.created_by = self.request.user
        instance = super().save_instance()
        self.links = invite(instance)
        self.mailing = send_links(self.request, self.links)
        self.left_out = left_out(instance)
        return instance

    def save_action(self):
        return links_response(self.request, self.object, self.links, self.mailing, self.left_out)


class RoundEditView(EditView):
    def save_instance(self):
        instance = super().save_instance()
        # The links live until the round's (perhaps moved) last day.
        instance.invitations.update(expires_at=tokens.expiry_for(instance))
        return instance


def links_response(request, round_, links, mailing, left_out=()):
    context = links_context(request, round_, links, mailing, left_out)
    return TemplateResponse(request, LINKS_TEMPLATE, context)


class SurveyRoundViewSet(WordedViewSetMixin, ScopedViewSetMixin, SnippetViewSet):
    model = SurveyRound
    icon = "tasks"
    menu_label = _("Survey rounds")
    menu_order = 650
    index_view_class = SurveyRoundIndexView
    add_view_class = RoundCreateView
    edit_view_class = RoundEditView
    list_display = [
        "survey",
        "organization",
        "opens_on",
        "closes_on",
        # «3 / 8»: how many of the invited have answered, counted with the listing's query.
        Column(
            "invitations",
            label=_("Answered"),
            accessor=lambda round_: f"{round_.answered} / {round_.invited}",
        ),
    ]
    list_filter = ["survey", "organization"]

    def get_edit_handler(self):
        # The pairs and survey are fixed once the links exist; a round's dates may move.
        creating = [
            FieldRowPanel([FieldPanel("survey"), FieldPanel("organization")]),
            FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_on")]),
            FieldPanel("pairs"),
        ]
        return ObjectList(creating, base_form_class=SurveyRoundForm).bind_to_model(self.model)

    def get_queryset(self, request):
        return with_progress(SurveyRound.objects.select_related("survey", "organization"))

    def invitations_view(self, request, pk):
        round_ = self.round_for(request, pk)
        return TemplateResponse(
            request,
            INVITATIONS_TEMPLATE,
            {
                "round": round_,
                "participants": [
                    (invitation, participant_label(invitation, details=True))
                    for invitation in round_.invitations.select_related(
                        "mentor__organization", "mentee__organization", "pair__mentor"
                    ).prefetch_related("pair__mentees")
                ],
                "header_title": str(round_),
                "page_title": str(round_),  # the heading: the page has no breadcrumbs
                "reissue_url_name": self.get_url_name("reissue"),
            },
        )

    def reissue_view(self, request, pk, invitation_pk):
        round_ = self.round_for(request, pk, action="change")
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        invitation = get_object_or_404(round_.invitations, pk=invitation_pk)
        if processing_withdrawn(invitation.participant):
            messages.error(
                request,
                _("%(name)s withdrew the consent to the processing of personal data: no new link.")
                % {"name": invitation.participant.full_name},
            )
            return redirect(self.get_url_name("invitations"), round_.pk)
        links = [reissue(invitation)]
        return links_response(request, round_, links, send_links(request, links))

    def round_for(self, request, pk, action="view"):
        policy = self.permission_policy
        round_ = get_object_or_404(SurveyRound, pk=pk)
        if not policy.user_has_any_permission_for_instance(
            request.user, [action, "change"], round_
        ):
            raise PermissionDenied
        return round_

    def get_urlpatterns(self):
        reissue = "invitations/<str:pk>/reissue/<int:invitation_pk>/"
        return [
            *super().get_urlpatterns(),
            path("invitations/<str:pk>/", self.invitations_view, name="invitations"),
            path(reissue, self.reissue_view, name="reissue"),
            *self.answers_import_urlpatterns(),
        ]

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(import_url_name=self.get_url_name("import"), **kwargs)

    def answers_import_urlpatterns(self):
        """The answers of a round from a Google or Yandex Forms export."""
        urls = {
            "upload_url_name": self.get_url_name("import"),
            "preview_url_name": self.get_url_name("import_preview"),
            "index_url_name": self.get_url_name("list"),
            "invitations_url_name": self.get_url_name("invitations"),
        }
        upload = SurveyAnswersUploadView.as_view(**urls)
        preview = SurveyAnswersPreviewView.as_view(**urls)
        return [
            path("import/<int:round_id>/", upload, name="import"),
            path("import/<int:round_id>/<uuid:pk>/", preview, name="import_preview"),
        ]

    def invitations_url(self, round_):
        return reverse(self.get_url_name("invitations"), args=[quote(round_.pk)])
