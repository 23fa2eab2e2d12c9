"""The public address of the survey form; a site includes it under a prefix of its choice."""

from django.urls import path

from .views import survey_form

urlpatterns = [
    path("survey/<str:token>/", survey_form, name="wagtail_mentorship_survey"),
]
