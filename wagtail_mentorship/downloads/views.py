"""A prepared file's page («Файл готовится», then its download), the download itself and
«Мои файлы». A file is its owner's alone: anyone else gets a 404, and the owner downloads
it only while they still may have it."""

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .. import conf
from ..models import PreparedFile
from .kinds import may_prepare_any
from .registry import KINDS, may_have
from .tasks import start

PAGE_URL_NAME = "wagtail_mentorship_prepared_file"
DOWNLOAD_URL_NAME = "wagtail_mentorship_prepared_file_download"
LIST_URL_NAME = "wagtail_mentorship_prepared_files"
LIST_TITLE = _("My files")


def own_file(request, pk) -> PreparedFile:
    return get_object_or_404(PreparedFile, pk=pk, user=request.user, kind__in=list(KINDS))


def may_download(user, prepared) -> bool:
    return may_have(user, prepared.kind, prepared.parameters)


def prepare(request, kind: str, parameters: dict):
    """A download button's answer: the file queued (or the same one already queued), and its
    page to wait on. A HEAD (a link checker, a preview) queues nothing: «Мои файлы»."""
    if request.method == "HEAD":
        return redirect(LIST_URL_NAME)
    prepared = start(request.user, kind, parameters)
    return redirect(PAGE_URL_NAME, pk=prepared.pk)


class FilesMixin(WagtailAdminTemplateMixin):
    header_icon = "download"

    def trail(self) -> list:
        return []

    def get_breadcrumbs_items(self):
        current = {"url": "", "label": self.get_page_title()}
        return [*self.breadcrumbs_items, *self.trail(), current]


class PreparedFileView(FilesMixin, TemplateView):
    template_name = "wagtail_mentorship/downloads/prepared_file.html"

    def dispatch(self, request, pk):
        PreparedFile.fail_stale()  # a dead worker's file says so
        self.prepared = own_file(request, pk)
        return super().dispatch(request, pk)

    def get_page_title(self):
        if self.prepared.status == PreparedFile.Status.DONE:
            return _("The file is ready")
        if self.prepared.status == PreparedFile.Status.FAILED:
            return _("The file was not prepared")
        return _("Preparing the file")

    def trail(self) -> list:
        return [{"url": reverse(LIST_URL_NAME), "label": LIST_TITLE}]

    def get_context_data(self, **kwargs):
        prepared = self.prepared
        return super().get_context_data(
            prepared=prepared,
            label=KINDS[prepared.kind].label,
            may_download=may_download(self.request.user, prepared),
            **kwargs,
        )


class DownloadView(View):
    def get(self, request, pk):
        prepared = own_file(request, pk)
        if prepared.status != PreparedFile.Status.DONE or not prepared.file:
            raise Http404
        # Rights change: the file goes only to someone who could build it now, for the
        # organisations it was built for.
        if not may_download(request.user, prepared):
            raise PermissionDenied
        return FileResponse(
            prepared.file.open("rb"),
            as_attachment=True,
            filename=prepared.filename,
            content_type=prepared.content_type,
        )


class PreparedFilesView(FilesMixin, TemplateView):
    template_name = "wagtail_mentorship/downloads/prepared_files.html"
    page_title = LIST_TITLE

    def get_context_data(self, **kwargs):
        PreparedFile.purge_old()
        user = self.request.user
        files = PreparedFile.objects.filter(user=user, kind__in=list(KINDS))
        return super().get_context_data(
            files=[
                (prepared, KINDS[prepared.kind].label, may_download(user, prepared))
                for prepared in files
            ],
            days=conf.prepared_file_days(),
            **kwargs,
        )


urlpatterns = [
    path("mentorship/files/", PreparedFilesView.as_view(), name=LIST_URL_NAME),
    path("mentorship/files/<uuid:pk>/", PreparedFileView.as_view(), name=PAGE_URL_NAME),
    path("mentorship/files/<uuid:pk>/download/", DownloadView.as_view(), name=DOWNLOAD_URL_NAME),
]


def admin_urls() -> list:
    """The pages of the files, for Wagtail's ``register_admin_urls``."""
    return urlpatterns


def account_menu_item(request):
    """A link on the user's account page."""
    return {
        "url": reverse(LIST_URL_NAME),
        "label": LIST_TITLE,
        "help_text": _("Reports and documents prepared for you, kept for a few days."),
    }


class FilesMenuItem(MenuItem):
    def is_shown(self, request):
        return may_prepare_any(request.user)


def menu_item():
    """«Мои файлы» in Wagtail's Reports menu too, beside the reports that fill it, for those
    who may ask for a file."""
    return FilesMenuItem(LIST_TITLE, reverse(LIST_URL_NAME), icon_name="download", name="my-files")
