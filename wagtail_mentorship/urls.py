"""Public URLs of the app that a site includes next to Wagtail's own, before the pages:

path("mentorship/", include("wagtail_mentorship.urls")),
"""

from django.urls import include, path

from .monitoring.calendar_views import FEED_URL_NAME, private_feed

urlpatterns = [
    path("calendar/<str:token>.ics", private_feed, name=FEED_URL_NAME),
    path("", include("wagtail_mentorship.monitoring.surveys.urls")),
]
