"""A survey round's answers from a Google or Yandex Forms export, on the flow of
``import_flow``: upload → preview of who answered what, the problems and the columns to map
→ confirm (all or nothing) or cancel. A closed round takes them too: answers collected on
paper or elsewhere while it was open."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.menus import MenuItem
from wagtail.snippets.views.snippets import IndexView

from ...access.policies import survey_round_policy
from ...importing.pipeline import SURVEY_TARGET, run_survey_import
from ...importing.survey_answers import ANSWERED_AT_LABEL, TIMESTAMP, question_field
from ...models.surveys import SurveyRound
from ...spreadsheets.columns import EMAIL
from ..import_forms import SurveyAnswersUploadForm, SurveyColumnMappingForm
from . import import_flow


class SurveyImportFlowMixin:
    target = SURVEY_TARGET
    upload_url_name = None  # from the viewset
    preview_url_name = None
    index_url_name = None
    invitations_url_name = None

    def check_permission(self, request, **kwargs) -> None:
        """Those who may change the round's organisation's rounds; another organisation's
        round is not there for them."""
        if not survey_round_policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        rounds = SurveyRound.objects.select_related("survey", "organization")
        self.round = get_object_or_404(rounds, pk=kwargs["round_id"])
        if not survey_round_policy.user_has_permission_for_instance(
            request.user, "change", self.round
        ):
            raise Http404

    def import_label(self) -> str:
        return SurveyAnswersUploadView.page_title

    def get_page_subtitle(self):
        return str(self.round)

    def trail(self) -> list:
        label = capfirst(SurveyRound._meta.verbose_name_plural)
        return [{"url": reverse(self.index_url_name), "label": label}]

    def uploads(self):
        return super().uploads().filter(survey_round=self.round)

    def upload_url(self) -> str:
        return reverse(self.upload_url_name, args=[self.round.pk])

    def preview_url(self, upload) -> str:
        return reverse(self.preview_url_name, args=[self.round.pk, upload.pk])

    def done_url(self) -> str:
        """The round's participants, with who has answered."""
        return reverse(self.invitations_url_name, args=[self.round.pk])


class SurveyAnswersUploadView(SurveyImportFlowMixin, import_flow.UploadView):
    page_title = gettext_lazy("Answers from a table")
    template_name = "wagtail_mentorship/surveys/admin/import_upload.html"
    form_class = SurveyAnswersUploadForm

    def upload_fields(self, form) -> dict:
        # The organisation keeps the columns its curators map, for its next export.
        return {"survey_round": self.round, "organization": self.round.organization}

    def get_context_data(self, **kwargs):
        questions = self.round.survey.questions.all()
        return super().get_context_data(questions=questions, **kwargs)


class SurveyAnswersPreviewView(SurveyImportFlowMixin, import_flow.PreviewView):
    template_name = "wagtail_mentorship/surveys/admin/import_preview.html"
    page_title = gettext_lazy("Answers found in the table")
    mapping_form_class = SurveyColumnMappingForm

    @property
    def mapping_fields(self):
        questions = self.round.survey.questions.all()
        return [
            (EMAIL.field, EMAIL.russian),
            (TIMESTAMP.field, capfirst(ANSWERED_AT_LABEL)),
            *((question_field(q), q.text) for q in questions),
        ]

    def run(self, dry_run: bool):
        return run_survey_import(
            self.upload.read(),
            self.upload.filename,
            self.round,
            dry_run=dry_run,
            sheet=self.upload.sheet or None,
            mapping=self.upload.remembered_mapping(),
            user=self.request.user,
            upload=self.upload,
        )

    def success_message(self, report) -> str:
        return _(
            "«%(file)s» imported. Answered for the first time: %(new)s; answers replaced: "
            "%(updated)s."
        ) % {
            "file": report.filename,
            "new": report.count("new"),
            "updated": report.count("updated"),
        }


class SurveyRoundIndexView(IndexView):
    """The rounds listing, each round with the upload of its answers among its buttons."""

    import_url_name = None  # from the viewset

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        # The listing holds the user's organisations' rounds only: the right to change
        # rounds is the right to import their answers.
        if survey_round_policy.user_has_permission(self.request.user, "change"):
            url = reverse(self.import_url_name, args=[instance.pk])
            label = _("Upload answers from a table")
            buttons.append(MenuItem(label, url=url, icon_name="upload", priority=40))
        return buttons
