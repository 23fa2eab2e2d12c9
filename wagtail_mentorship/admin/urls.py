"""Admin URLs of the app that belong to no snippet viewset, under the namespace
``wagtail_mentorship`` (the paths are those of earlier releases)."""

from django.urls import include, path

from .views.people import portrait
from .views.roadmap_import import URL_NAMESPACE, RoadmapPreviewView, RoadmapUploadView

app_urlpatterns = [
    path(
        "roadmap/<int:page_id>/import/",
        RoadmapUploadView.as_view(),
        name="roadmap_import",
    ),
    path(
        "roadmap/<int:page_id>/import/<uuid:pk>/",
        RoadmapPreviewView.as_view(),
        name="roadmap_import_preview",
    ),
    path("portrait/<int:pk>/", portrait, name="portrait"),
]

urlpatterns = [
    path("mentorship/", include((app_urlpatterns, URL_NAMESPACE), namespace=URL_NAMESPACE)),
]
