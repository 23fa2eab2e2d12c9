"""Import and the base as a spreadsheet, added to a snippet viewset's URLs."""

from django.urls import path

from ..views.imports import (
    BaseExportView,
    BlankQuestionnaireView,
    PeoplePreviewView,
    PeopleUploadView,
)


class SpreadsheetViewSetMixin:
    spreadsheet_target = None  # mentors, mentees, pairs: the importer's name for the base

    def get_urlpatterns(self):
        views = {
            "target": self.spreadsheet_target,
            "model": self.model,
            "index_url_name": self.get_url_name("list"),
        }
        # The files are named after the base as the listing's own export names it.
        downloads = {**views, "file_stem": self.export_filename}
        return [
            *super().get_urlpatterns(),
            path("import/", PeopleUploadView.as_view(**views), name="import"),
            path("import/<uuid:pk>/", PeoplePreviewView.as_view(**views), name="import_preview"),
            path("base.xlsx", BaseExportView.as_view(**downloads), name="base_export"),
            path("template.xlsx", BlankQuestionnaireView.as_view(**downloads), name="template"),
        ]
