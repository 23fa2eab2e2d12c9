"""The roadmap's import from a table: its upload and preview views, and their URLs."""

from django.urls import path, reverse
from wagtail.admin.viewsets.base import ViewSet

from ..views.roadmap_import import RoadmapPreviewView, RoadmapUploadView


class RoadmapImportViewSet(ViewSet):
    name = "wagtail_mentorship_roadmap_import"
    url_prefix = "mentorship/roadmap"  # the paths of earlier releases
    icon = "list-ol"

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            upload_url_name=self.get_url_name("upload"),
            preview_url_name=self.get_url_name("preview"),
            **kwargs,
        )

    def get_urlpatterns(self):
        return [
            path("<int:page_id>/import/", self.construct_view(RoadmapUploadView), name="upload"),
            path(
                "<int:page_id>/import/<uuid:pk>/",
                self.construct_view(RoadmapPreviewView),
                name="preview",
            ),
        ]

    def upload_url(self, page) -> str:
        return reverse(self.get_url_name("upload"), args=[page.pk])


roadmap_import_viewset = RoadmapImportViewSet()
