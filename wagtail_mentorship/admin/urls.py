from django.urls import path

from .views.people import portrait
from .views.roadmap_import import RoadmapPreviewView, RoadmapUploadView

urlpatterns = [
    path(
        "mentorship/roadmap/<int:page_id>/import/",
        RoadmapUploadView.as_view(),
        name="wagtail_mentorship_roadmap_import",
    ),
    path(
        "mentorship/roadmap/<int:page_id>/import/<uuid:pk>/",
        RoadmapPreviewView.as_view(),
        name="wagtail_mentorship_roadmap_import_preview",
    ),
    path("mentorship/portrait/<int:pk>/", portrait, name="wagtail_mentorship_portrait"),
]
